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


# --- documents: reading (classification, sharing) and writing (who adds a version) -------------------
#
# One rule each, asked by everything that lists, serves or writes documents: the case page, the download
# view, the API, exports, PDFs and the approval dashboard read through `dapat_melihat_dokumen` /
# `dokumen_terlihat` / `versi_terlihat`; every upload, new version or correction is decided by
# `alasan_tolak_tulis_dokumen`; the audit trail of a case is filtered by `riwayat_terlihat`.


def hanya_sebagai_mitra(user) -> bool:
    """The user sees cases only as a partner (not also as city staff)."""
    return user.punya_peran(Peran.MITRA) and not user.is_superuser and not (user.peran - {Peran.MITRA})


def _klasifikasi_boleh(user, dokumen, kerjasama) -> bool:
    """ANRI levels: Biasa and Terbatas for everyone who sees the case (a partner only what is shared with
    it); Rahasia for the roles that see every case and the PD Pemrakarsa; Sangat Rahasia only for the
    roles that see every case."""
    from .constants import Klasifikasi

    if user.is_superuser:
        return True
    if hanya_sebagai_mitra(user) and not dokumen.dibagikan_mitra:
        return False
    if dokumen.klasifikasi == Klasifikasi.SANGAT_RAHASIA:
        return melihat_semua(user)
    if dokumen.klasifikasi == Klasifikasi.RAHASIA:
        return melihat_semua(user) or (kerjasama is not None and adalah_pd_pemrakarsa(user, kerjasama))
    return True


def dapat_melihat_dokumen(user, dokumen) -> bool:
    """May `user` see (list, download, read about) this document? Its case or owner first, then its
    classification and whether it is shared with the partner."""
    if not _aktif(user):
        return False
    if dokumen.kerjasama_id:
        if not dapat_melihat(user, dokumen.kerjasama):
            return False
        return _klasifikasi_boleh(user, dokumen, dokumen.kerjasama)
    if dokumen.pemilik is not None:
        if not dapat_melihat_pemilik(user, dokumen.pemilik):
            return False
        return _klasifikasi_boleh(user, dokumen, None)
    return melihat_semua(user) and _klasifikasi_boleh(user, dokumen, None)


def dokumen_terlihat(user, qs: QuerySet, *, kerjasama=None) -> QuerySet:
    """The documents of `qs` (those of one visible case, or of one visible owner) that `user` may see:
    the queryset form of `dapat_melihat_dokumen`, for lists."""
    from .constants import Klasifikasi

    if not _aktif(user):
        return qs.none()
    if user.is_superuser:
        return qs
    if hanya_sebagai_mitra(user):
        qs = qs.filter(dibagikan_mitra=True)
    if not melihat_semua(user):
        qs = qs.exclude(klasifikasi=Klasifikasi.SANGAT_RAHASIA)
        if kerjasama is None or not adalah_pd_pemrakarsa(user, kerjasama):
            qs = qs.exclude(klasifikasi=Klasifikasi.RAHASIA)
    return qs


def versi_terlihat(user, qs: QuerySet) -> QuerySet:
    """Versions of case documents (of many cases at once, e.g. the approval dashboard) that `user` may see."""
    from .constants import Klasifikasi

    if not _aktif(user):
        return qs.none()
    if user.is_superuser:
        return qs
    qs = qs.filter(dokumen__kerjasama__in=kerjasama_terlihat(user).values("pk"))
    if hanya_sebagai_mitra(user):
        qs = qs.filter(dokumen__dibagikan_mitra=True)
    if not melihat_semua(user):
        qs = qs.exclude(dokumen__klasifikasi=Klasifikasi.SANGAT_RAHASIA)
        pd = user.perangkat_daerah_id if user.punya_peran(Peran.PD) else None
        qs = qs.exclude(Q(dokumen__klasifikasi=Klasifikasi.RAHASIA) & ~Q(dokumen__kerjasama__perangkat_daerah_id=pd))
    return qs


# Types a partner files itself or answers with (Ps 24, 39: its answer to an offer; Ps 50(1): its own
# application and feasibility study; Ps 87(1): its reports).
JENIS_MITRA = frozenset({"surat_jawaban", "surat_masuk", "surat_penawaran", "studi_kelayakan", "laporan", "lainnya"})
# The DPRD files only its own approval or refusal letter (Ps 27, 41, 65).
JENIS_DPRD = frozenset({"surat_dprd"})
# Types only the TKKSD (or the Wali Kota) files: the TKKSD's own study, the Wali Kota's decisions and
# powers of attorney, and the letters of the DPRD and outside authorities that staff record.
JENIS_STAF = frozenset({"kajian", "surat_kuasa", "surat_dprd", "surat_gubernur", "surat_menteri", "keputusan"})
# Supervision papers (Ps 85–88) the Tim Pengawasan files.
JENIS_PENGAWASAN = frozenset({"laporan", "berita_acara", "daftar_hadir", "notulensi", "matrik_evaluasi",
                              "rencana_aksi", "lainnya"})


def _dprd_memeriksa(user, kerjasama) -> bool:
    """The case is before the DPRD now: its current stage is the DPRD's (Ps 27, 41, 65), or the DPRD has a
    step to take on it (an amendment awaiting its approval, Ps 34(3))."""
    from . import alur

    if Peran.DPRD in (alur.info_tahap(kerjasama.kelas, kerjasama.tahap).pelaku or ()):
        return True
    kasus = kerjasama.kasus()
    return any(Peran.DPRD in (getattr(t.permission, "pelaku", ()) or ())
               for t in kasus.get_available_user_tahap_transitions(user))


def _tahap_akhir(kerjasama) -> bool:
    from . import alur

    return bool(alur.info_tahap(kerjasama.kelas, kerjasama.tahap).akhir)


def _diunggah_mitra_sendiri(user, dokumen) -> bool:
    """The partner's own upload: its first version was uploaded by a user of the same mitra."""
    pertama = dokumen.versi.order_by("nomor_versi").select_related("diunggah_oleh").first()
    return bool(pertama and pertama.diunggah_oleh and user.mitra_id
                and pertama.diunggah_oleh.mitra_id == user.mitra_id)


def _segar(kerjasama):
    """The concrete case as stored now: the rule reads the stage, and a caller may hold an older copy."""
    from django.apps import apps

    return apps.get_model(kerjasama.kelas).objects.get(pk=kerjasama.pk)


def jenis_langkah_tersedia(user, kerjasama) -> frozenset[str]:
    """The document types asked by the steps `user` may take on this case now (the partner's answer to an
    offer, its action plan for an extension, the DPRD's letter): who acts on a step files its papers."""
    kasus = kerjasama.kasus()
    jenis: set[str] = set()
    for t in kasus.get_available_user_tahap_transitions(user):
        if t.custom.get("sistem"):
            continue
        for isian in t.custom.get("isian", ()):
            if getattr(isian, "tipe", "") == "dokumen":
                jenis.update(isian.jenis_dokumen or ("lainnya",))
    return frozenset(jenis)


def _diunggah_pd_sendiri(user, dokumen) -> bool:
    pertama = dokumen.versi.order_by("nomor_versi").select_related("diunggah_oleh").first()
    return bool(pertama and pertama.diunggah_oleh and user.perangkat_daerah_id
                and pertama.diunggah_oleh.perangkat_daerah_id == user.perangkat_daerah_id)


def _tolak_pada_kasus(user, kerjasama, jenis: str, dokumen, langkah: frozenset[str] | None = None) -> str | None:
    """Who files what on a case, by role, stage and document type."""
    if user.is_superuser or user.punya_peran(Peran.SEKRETARIAT_TKKSD):
        return None
    if _tahap_akhir(kerjasama):
        return "Kerja sama ini sudah selesai; hanya Sekretariat TKKSD yang dapat menambah dokumennya."
    if user.punya_peran(Peran.KETUA_TKKSD, Peran.WALI_KOTA) or adalah_penandatangan(user, kerjasama):
        return None
    if user.punya_peran(Peran.DPRD) and jenis in JENIS_DPRD:
        # Ps 27, 41, 65: the DPRD answers while the case is before it, with its own letter only.
        if _dprd_memeriksa(user, kerjasama):
            return None
        return "DPRD hanya dapat mengunggah suratnya selama kerja sama menunggu persetujuan DPRD."
    if adalah_pd_pemrakarsa(user, kerjasama) or (
            user.punya_peran(Peran.PD) and _punya_izin_objek(user, kerjasama, PERM_ANGGOTA)):
        if jenis not in JENIS_STAF:
            return None
        # A staff type (a study, a decision, an outside authority's letter) only when a step the PD takes now
        # asks for it (KSDLN Ps 59: the PD attaches the study), and a new version only of its own upload.
        if dokumen is not None:
            if _diunggah_pd_sendiri(user, dokumen):
                return None
            return "Perangkat Daerah hanya dapat menambah versi pada dokumen jenis ini yang diunggahnya sendiri."
        if jenis in (langkah if langkah is not None else jenis_langkah_tersedia(user, kerjasama)):
            return None
    if adalah_mitra_kasus(user, kerjasama):
        if dokumen is not None and not _diunggah_mitra_sendiri(user, dokumen):
            return "Mitra hanya dapat menambah versi pada dokumen yang diunggahnya sendiri."
        if jenis in JENIS_MITRA:
            return None
        if dokumen is None and jenis in (langkah if langkah is not None else jenis_langkah_tersedia(user, kerjasama)):
            return None  # the papers of a step the partner takes now (e.g. its action plan, Ps 30)
    if user.punya_peran(Peran.TIM_PENGAWASAN) and jenis in JENIS_PENGAWASAN:
        return None
    return "Anda tidak berwenang mengunggah dokumen jenis ini pada kerja sama ini."


def alasan_tolak_tulis_dokumen(user, *, jenis: str = "", kerjasama=None, pemilik=None, dokumen=None,
                               status: str = "") -> str | None:
    """THE rule for every write of a document (upload, new version, correction): None when `user` may, else
    the Indonesian reason (answered 403). Callers answer 404 first when the case, owner or document is
    invisible. The auditor only reads; nobody adds a version on top of a signed or archived one."""
    from .constants import STATUS_DOKUMEN_TERKUNCI

    if not _aktif(user):
        return "Anda harus masuk terlebih dahulu."
    if dokumen is not None:
        kerjasama, jenis = dokumen.kerjasama, dokumen.jenis
        pemilik = None if kerjasama is not None else dokumen.pemilik
        terakhir = dokumen.versi.order_by("-nomor_versi").first()
        if terakhir is not None and terakhir.status in STATUS_DOKUMEN_TERKUNCI:
            keadaan = "ditandatangani" if terakhir.status == "ditandatangani" else "diarsipkan"
            return (f"Versi terakhir dokumen ini sudah {keadaan} sehingga tidak dapat diganti. Unggah koreksinya "
                    "sebagai dokumen baru yang merujuk dokumen ini, dengan alasannya.")
    if not user.is_superuser and user.peran <= {Peran.AUDITOR}:
        return "Auditor hanya dapat membaca dokumen."
    if status == "arsip" and not (user.is_superuser or user.punya_peran(Peran.SEKRETARIAT_TKKSD)):
        return "Hanya Sekretariat TKKSD yang dapat mengarsipkan dokumen."
    if kerjasama is not None:
        return _tolak_pada_kasus(user, _segar(kerjasama), jenis, dokumen)
    if pemilik is not None:
        for model, fn in _PENULIS_PEMILIK.items():
            if isinstance(pemilik, model):
                return None if fn(user, pemilik, jenis) else "Anda tidak berwenang mengunggah dokumen pada data ini."
    if user.is_superuser or user.punya_peran(Peran.SEKRETARIAT_TKKSD):
        return None
    return "Anda tidak berwenang mengunggah dokumen ini."


def dapat_menulis_dokumen(user, *, jenis: str = "", kerjasama=None, pemilik=None, dokumen=None) -> bool:
    return alasan_tolak_tulis_dokumen(user, jenis=jenis, kerjasama=kerjasama, pemilik=pemilik, dokumen=dokumen) is None


def jenis_boleh_diunggah(user, kerjasama) -> list[str]:
    """The document types `user` may file on this case now (the upload form offers only these)."""
    from .constants import JenisDokumen

    if not dapat_melihat(user, kerjasama) or (not user.is_superuser and user.peran <= {Peran.AUDITOR}):
        return []
    kerjasama = _segar(kerjasama)
    langkah = jenis_langkah_tersedia(user, kerjasama) if (
        adalah_mitra_kasus(user, kerjasama) or user.punya_peran(Peran.PD)) else frozenset()
    return [j for j in JenisDokumen.values if _tolak_pada_kasus(user, kerjasama, j, None, langkah) is None]


def dapat_mengubah_dokumen(user, kerjasama) -> bool:
    """Whether the upload form is offered on a case: the user may file at least one type of document."""
    return bool(jenis_boleh_diunggah(user, kerjasama))


def dapat_mengubah_klasifikasi(user, dokumen) -> bool:
    """Only the Sekretariat TKKSD (Bagian Kerja Sama) classifies records and decides what is shared."""
    return _aktif(user) and (user.is_superuser or user.punya_peran(Peran.SEKRETARIAT_TKKSD)) and (
        dapat_melihat_dokumen(user, dokumen))


# --- the audit trail of a case -------------------------------------------------------------------

_OBJEK_INTERNAL: list[type] = []
_AKSI_INTERNAL: list[str] = []


def daftar_audit_internal(*models, awalan_aksi: tuple[str, ...] = ()) -> None:
    """An app declares audit entries internal to the city (never shown to a partner): those about its
    `models` and those whose action starts with one of `awalan_aksi` (supervision: Ps 85–88). A service may
    also mark a single entry with data {"internal": true}."""
    _OBJEK_INTERNAL.extend(m for m in models if m not in _OBJEK_INTERNAL)
    _AKSI_INTERNAL.extend(a for a in awalan_aksi if a not in _AKSI_INTERNAL)


def riwayat_terlihat(user, qs: QuerySet, *, kerjasama) -> QuerySet:
    """The audit entries of one visible case that `user` may read (page, riwayat.csv, PDF, API): none about
    a document the user may not see; for a partner, none about the city's internal papers and supervision."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Dokumen, RiwayatAudit

    if not _aktif(user):
        return qs.none()
    if user.is_superuser:
        return qs
    semua = Dokumen.objects.filter(kerjasama=kerjasama)
    terlihat = dokumen_terlihat(user, semua, kerjasama=kerjasama).values("pk")
    tersembunyi = list(semua.exclude(pk__in=terlihat).values_list("pk", flat=True))
    if hanya_sebagai_mitra(user):
        tipe = [ContentType.objects.get_for_model(m) for m in _OBJEK_INTERNAL]
        if tipe:
            qs = qs.exclude(objek_tipe__in=tipe)
        for awalan in _AKSI_INTERNAL:
            qs = qs.exclude(aksi__startswith=awalan)
        # By id: `exclude()` on a JSON key would also drop every row without that key (SQL NULL logic).
        qs = qs.exclude(pk__in=RiwayatAudit.objects.filter(kerjasama=kerjasama, data__internal=True).values("pk"))
    if tersembunyi:
        qs = qs.exclude(pk__in=RiwayatAudit.objects.filter(kerjasama=kerjasama, data__dokumen__in=tersembunyi)
                        .values("pk"))
    return qs


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


_PENULIS_PEMILIK: dict[type, callable] = {}


def daftar_penulis(model):
    """Register `fn(user, obj, jenis) -> bool` deciding who adds documents (and versions) to the documents
    owned by `model` (mapping cycles, Tim Pemetaan, supervision activities, follow-ups), as `daftar_pemeriksa`
    does for reading. An owner with no writer registered: the Sekretariat TKKSD only."""

    def decorator(fn):
        _PENULIS_PEMILIK[model] = fn
        return fn

    return decorator


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


# --- reference data (partners, regions, PDs, holidays) and saved registry filters ---------------------------


def dapat_melihat_referensi(user) -> bool:
    """The reference-data pages: the Sekretariat TKKSD keeps them; the roles that see every case read them."""
    return melihat_semua(user)


def dapat_mengelola_referensi(user) -> bool:
    """Adding, changing and removing partners, regions, PDs and holidays: the Sekretariat TKKSD (and a superuser),
    issue 14 ("in the app itself, not in Django admin")."""
    return _aktif(user) and (user.is_superuser or user.punya_peran(Peran.SEKRETARIAT_TKKSD))


PESAN_TOLAK_REFERENSI = "Hanya Sekretariat TKKSD yang dapat menambah, mengubah, atau menghapus data referensi."
PESAN_TOLAK_LIHAT_REFERENSI = "Data referensi dikelola oleh Sekretariat TKKSD; peran Anda tidak mencakup halaman ini."
