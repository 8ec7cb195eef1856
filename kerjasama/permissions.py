"""The one place that decides who may see and do what (spec README, "Actors and roles").

Seeing: the roles in PERAN_MELIHAT_SEMUA see every case (a global `view_kerjasama` on their
group); everyone else sees a case only through a guardian object permission on it, granted to
the PD's group (its own cases, and those where it is Anggota Tidak Tetap, Ps 22(4)), the mitra's
group, the DPRD group (once a case is submitted to it), or a user (Tim Pengawasan, surat kuasa).
An invisible case answers 404; a visible one the user may not act on answers 403.

Child records (documents, deadlines, reports, audit) inherit their case's permission.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet
from django.http import Http404

from .constants import (
    PELAKU_MITRA,
    PELAKU_PD,
    PELAKU_PENANDATANGAN,
    PELAKU_SISTEM,
    PERAN_MELIHAT_SEMUA,
    Peran,
)

PERM_LIHAT = "view_kerjasama"
PERM_TANDATANGANI = "tandatangani_kerjasama"
PERM_ANGGOTA = "anggota_tidak_tetap"


def _aktif(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def melihat_semua(user) -> bool:
    return _aktif(user) and (user.is_superuser or user.punya_peran(*PERAN_MELIHAT_SEMUA))


_VERSI_IZIN = [0]  # bumped on every grant/revoke: per-user caches below are then stale


def _ids_izin_cache(user, codename: str) -> frozenset[int]:
    """The ids of cases where `user` holds object permission `codename`, once per user object
    (one query per request instead of one per row in lists)."""
    cache = user.__dict__.setdefault("_siksd_izin", {})
    key = (codename, _VERSI_IZIN[0])
    if key not in cache:
        lewat_user, lewat_grup = _ids_dengan_izin(user, codename)
        from .models import KerjaSama

        cache[key] = frozenset(
            KerjaSama.objects.filter(Q(pk__in=lewat_user) | Q(pk__in=lewat_grup)).values_list("pk", flat=True)
        )
    return cache[key]


def _ids_dengan_izin(user, codename: str):
    from .models import KerjaSamaGroupObjectPermission, KerjaSamaUserObjectPermission

    lewat_user = KerjaSamaUserObjectPermission.objects.filter(
        user=user, permission__codename=codename
    ).values("content_object_id")
    lewat_grup = KerjaSamaGroupObjectPermission.objects.filter(
        group__in=user.groups.all(), permission__codename=codename
    ).values("content_object_id")
    return lewat_user, lewat_grup


def kerjasama_terlihat(user, qs: QuerySet | None = None) -> QuerySet:
    """Every list, count, search, export, calendar and PDF goes through this selector.
    `qs` may be the registry or a kind's model (multi-table inheritance shares the pk)."""
    from .models import KerjaSama

    if qs is None:
        qs = KerjaSama.objects.all()
    if not _aktif(user):
        return qs.none()
    if melihat_semua(user):
        return qs
    lewat_user, lewat_grup = _ids_dengan_izin(user, PERM_LIHAT)
    return qs.filter(Q(pk__in=lewat_user) | Q(pk__in=lewat_grup))


def dapat_melihat(user, kerjasama) -> bool:
    if not _aktif(user):
        return False
    if melihat_semua(user):
        return True
    return kerjasama.pk in _ids_izin_cache(user, PERM_LIHAT)


def get_kerjasama_or_404(user, pk, qs: QuerySet | None = None):
    """The case if the user may see it; 404 otherwise, so that its existence does not leak."""
    from .models import KerjaSama

    qs = qs if qs is not None else KerjaSama.objects.all()
    try:
        pk = int(pk)
    except (ValueError, TypeError) as exc:
        raise Http404("Kerja sama tidak ditemukan.") from exc
    # An id beyond the bigint column made the database raise (a 500 found by the API fuzzer).
    if not 0 < pk < 2**63:
        raise Http404("Kerja sama tidak ditemukan.")
    try:
        return kerjasama_terlihat(user, qs).get(pk=pk)
    except qs.model.DoesNotExist as exc:
        raise Http404("Kerja sama tidak ditemukan.") from exc


def _punya_izin_objek(user, kerjasama, codename: str) -> bool:
    return kerjasama.pk in _ids_izin_cache(user, codename)


def adalah_pd_pemrakarsa(user, kerjasama) -> bool:
    return (
        user.punya_peran(Peran.PD)
        and user.perangkat_daerah_id is not None
        and user.perangkat_daerah_id == kerjasama.perangkat_daerah_id
    )


def adalah_mitra_kasus(user, kerjasama) -> bool:
    return (
        user.punya_peran(Peran.MITRA) and user.mitra_id is not None and user.mitra_id == kerjasama.mitra_id
    )


def adalah_penandatangan(user, kerjasama) -> bool:
    """The Wali Kota, or the holder of a surat kuasa for this case (Ps 29(2), Ps 45)."""
    return user.punya_peran(Peran.WALI_KOTA) or _punya_izin_objek(user, kerjasama, PERM_TANDATANGANI)


def dapat_bertindak(user, kerjasama, pelaku: tuple[str, ...]) -> bool:
    """May `user` take a step whose actors are `pelaku` on this case? Nobody acts for the system,
    and the auditor only reads."""
    if not _aktif(user) or PELAKU_SISTEM in pelaku:
        return False
    if not dapat_melihat(user, kerjasama):
        return False
    for kode in pelaku:
        if kode == PELAKU_PD and adalah_pd_pemrakarsa(user, kerjasama):
            return True
        if kode == PELAKU_MITRA and adalah_mitra_kasus(user, kerjasama):
            return True
        if kode == PELAKU_PENANDATANGAN and adalah_penandatangan(user, kerjasama):
            return True
        if kode in (Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD, Peran.DPRD, Peran.TIM_PENGAWASAN) and (
            user.punya_peran(kode)
        ):
            return True
    return False


def izin_pelaku(pelaku: tuple[str, ...]):
    """The django-fsm `permission=` callable for a step whose actors are `pelaku`."""

    def izin(instance, user) -> bool:
        return dapat_bertindak(user, instance, pelaku)

    izin.pelaku = pelaku
    return izin


def dapat_mengubah_dokumen(user, kerjasama) -> bool:
    """Uploading to a case: staff of the TKKSD, the PD Pemrakarsa or a PD Anggota Tidak Tetap,
    the case's mitra, the DPRD while the case is before it, the Wali Kota. Not the auditor."""
    if not dapat_melihat(user, kerjasama) or user.peran == {Peran.AUDITOR}:
        return False
    if user.punya_peran(Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD, Peran.WALI_KOTA, Peran.DPRD):
        return True
    if user.punya_peran(Peran.TIM_PENGAWASAN):
        return True
    if adalah_pd_pemrakarsa(user, kerjasama) or adalah_mitra_kasus(user, kerjasama):
        return True
    return user.punya_peran(Peran.PD) and _punya_izin_objek(user, kerjasama, PERM_ANGGOTA)


# --- recipients: a notification, e-mail, calendar entry or reminder is a read by its recipient ------
#
# Issue 12 item 1: a role code given as the actor of a stage was resolved to every user of that role, so
# every mitra user heard of a KSDPK offer to other candidates (Ps 39). One rule now: a person is told
# about a case only if they may open it (`dapat_melihat`) and act on it now; role-wide only for the
# roles that see every case (PERAN_MELIHAT_SEMUA).


def _baca_langsung(kunci: tuple, baca) -> set:
    return set(baca())


def saring_penerima(kerjasama, users) -> set:
    """Of `users`, the active ones who may open `kerjasama` (every recipient list passes through here)."""
    if kerjasama is None:
        return {u for u in users if u is not None and u.is_active}
    return {u for u in users if u is not None and u.is_active and dapat_melihat(u, kerjasama)}


def mitra_bertindak_ids(kerjasama) -> list[int]:
    """The partners acting on the case now: its own mitra; before one is chosen, the partners the offer
    went to (KSDPK: every candidate offered, Ps 39(1); the kind's `penerima_penawaran` hook)."""
    if kerjasama.mitra_id:
        return [kerjasama.mitra_id]
    kasus = kerjasama.kasus() if hasattr(kerjasama, "kasus") else kerjasama
    hook = getattr(kasus, "penerima_penawaran", None)
    return [m.pk for m in hook()] if hook else []


def penerima_kasus(kerjasama, pelaku, *, tersimpan=_baca_langsung) -> set:
    """The users who act on a step with these actors on this case and may open it: the case's own PD
    Pemrakarsa, its own partner (or the candidates offered), the Wali Kota and the holders of this
    case's surat kuasa, the DPRD once the case is before it, the Tim Pengawasan members of this case,
    and role-wide only the roles that see every case. `tersimpan(kunci, baca)` lets a sweep read a
    PD's/mitra's/role's users once for many cases."""
    from .models import KerjaSamaUserObjectPermission, Pengguna

    users: set = set()
    for kode in pelaku:
        if kode == PELAKU_PD:
            pd_id = kerjasama.perangkat_daerah_id
            if pd_id:
                users |= tersimpan((PELAKU_PD, pd_id), lambda pd_id=pd_id: Pengguna.objects.filter(
                    is_active=True, perangkat_daerah_id=pd_id, groups__name=Peran.PD))
        elif kode == PELAKU_MITRA:
            for mitra_id in mitra_bertindak_ids(kerjasama):
                users |= tersimpan((PELAKU_MITRA, mitra_id), lambda mitra_id=mitra_id: Pengguna.objects.filter(
                    is_active=True, mitra_id=mitra_id, groups__name=Peran.MITRA))
        elif kode == PELAKU_PENANDATANGAN:
            users |= tersimpan(("peran", Peran.WALI_KOTA), lambda: Pengguna.objects.filter(
                is_active=True, groups__name=Peran.WALI_KOTA).distinct())
            # A surat kuasa is given per case (Ps 29(2), 45): read for each case.
            kuasa = KerjaSamaUserObjectPermission.objects.filter(
                content_object_id=kerjasama.pk, permission__codename=PERM_TANDATANGANI).values("user_id")
            users |= set(Pengguna.objects.filter(pk__in=kuasa, is_active=True))
        elif kode in PERAN_MELIHAT_SEMUA or kode in (Peran.DPRD, Peran.TIM_PENGAWASAN):
            # DPRD and Tim Pengawasan see a case only by a grant on it: filtered below.
            users |= tersimpan(("peran", kode), lambda kode=kode: Pengguna.objects.filter(
                is_active=True, groups__name=kode).distinct())
    return saring_penerima(kerjasama, users)


# --- non-case owners (mapping recommendations, supervision activities…) --------------------------

_PEMERIKSA_PEMILIK: dict[type, callable] = {}


def daftar_pemeriksa(model):
    """Register `fn(user, obj) -> bool` deciding who sees documents/deadlines owned by `model`."""

    def decorator(fn):
        _PEMERIKSA_PEMILIK[model] = fn
        return fn

    return decorator


def dapat_melihat_pemilik(user, obj) -> bool:
    for model, fn in _PEMERIKSA_PEMILIK.items():
        if isinstance(obj, model):
            return fn(user, obj)
    return melihat_semua(user)


def dapat_melihat_dokumen(user, dokumen) -> bool:
    if dokumen.kerjasama_id:
        return dapat_melihat(user, dokumen.kerjasama)
    if dokumen.pemilik is not None:
        return dapat_melihat_pemilik(user, dokumen.pemilik)
    return melihat_semua(user)


# --- grants -------------------------------------------------------------------------------------


def _perm(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="kerjasama", codename=codename)


def beri_akses(kerjasama, *, grup: Group | None = None, user=None, codename: str = PERM_LIHAT) -> None:
    from .models import KerjaSamaGroupObjectPermission, KerjaSamaUserObjectPermission

    perm = _perm(codename)
    _VERSI_IZIN[0] += 1
    if grup is not None:
        # By id: guardian checks the object's type, and a kind's case is a subclass of KerjaSama.
        KerjaSamaGroupObjectPermission.objects.get_or_create(group=grup, permission=perm, content_object_id=kerjasama.pk)
    if user is not None:
        KerjaSamaUserObjectPermission.objects.get_or_create(user=user, permission=perm, content_object_id=kerjasama.pk)


def cabut_akses(kerjasama, *, grup: Group | None = None, user=None, codename: str = PERM_LIHAT) -> None:
    from .models import KerjaSamaGroupObjectPermission, KerjaSamaUserObjectPermission

    _VERSI_IZIN[0] += 1
    if grup is not None:
        KerjaSamaGroupObjectPermission.objects.filter(
            group=grup, permission__codename=codename, content_object_id=kerjasama.pk
        ).delete()
    if user is not None:
        KerjaSamaUserObjectPermission.objects.filter(
            user=user, permission__codename=codename, content_object_id=kerjasama.pk
        ).delete()
