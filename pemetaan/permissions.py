"""Who sees and does what in the mapping (spec README "Actors and roles"; pemetaan.md).

The mapping's records are not cooperation cases, so the core's per-case grants do not apply:
- the cycles (and their documents: request letter, berita acara, Keputusan) are seen by the
  roles that see everything (sekretariat, ketua, wali kota, auditor) and by every PD user —
  Ps 9 and Ps 11(1): every Perangkat Daerah takes part in the mapping;
- a recommendation and a Tim Pemetaan are seen by their own PD only, and by those roles;
- everyone else (DPRD, mitra, tim pengawasan) sees nothing of it: 404.
Acting is decided per step from its `pelaku`, as in the core: role codes, or PELAKU_PD meaning
"a PD user of the record's own Perangkat Daerah". The auditor only reads.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from kerjasama.constants import PELAKU_PD, PELAKU_SISTEM, Peran
from kerjasama.permissions import daftar_pemeriksa, daftar_penulis, melihat_semua

# Roles that may act on the mapping by role (not through a relation to the record).
PERAN_BERTINDAK = (Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD, Peran.WALI_KOTA)
# Who manages the plenary list and attendance (Ps 15–16: "TKKSD").
PERAN_TKKSD = (Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD)


def _aktif(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def adalah_pd(user) -> bool:
    return _aktif(user) and user.punya_peran(Peran.PD) and user.perangkat_daerah_id is not None


def adalah_pd_dari(user, perangkat_daerah_id) -> bool:
    return adalah_pd(user) and user.perangkat_daerah_id == perangkat_daerah_id


def dapat_melihat_siklus(user) -> bool:
    return _aktif(user) and (melihat_semua(user) or adalah_pd(user))


def dapat_melihat_milik_pd(user, perangkat_daerah_id) -> bool:
    """A recommendation or a team: its own PD, or a role that sees everything."""
    return _aktif(user) and (melihat_semua(user) or adalah_pd_dari(user, perangkat_daerah_id))


def dapat_mengelola_pleno(user) -> bool:
    return _aktif(user) and user.punya_peran(*PERAN_TKKSD)


# Checked before a request body or form is read (web and API), so that who sees the record but may not act gets 403
# whatever it sent (spec README "Actors and roles"); the services check again under the row lock.


def periksa_pleno(user) -> None:
    if not dapat_mengelola_pleno(user):
        raise PermissionDenied("Hanya TKKSD (Sekretariat atau Ketua) yang menyusun hasil rapat pleno (Pasal 15–16).")


def periksa_pd_penyusun(user, rekomendasi) -> None:
    if not adalah_pd_dari(user, rekomendasi.perangkat_daerah_id):
        raise PermissionDenied("Hanya Perangkat Daerah penyusun yang dapat mengubah rekomendasi ini dan "
                               "mengunggah data pendukungnya (Pasal 11, Pasal 13 ayat (1)).")


def dapat_bertindak(user, obj, pelaku: tuple[str, ...]) -> bool:
    """May `user` take a step whose actors are `pelaku` on a cycle or a recommendation?"""
    if not _aktif(user) or PELAKU_SISTEM in pelaku:
        return False
    for kode in pelaku:
        if kode == PELAKU_PD:
            pd_id = getattr(obj, "perangkat_daerah_id", None)
            if pd_id is not None and adalah_pd_dari(user, pd_id):
                return True
        elif kode in PERAN_BERTINDAK and user.punya_peran(kode):
            return True
    return False


def izin_pelaku(pelaku: tuple[str, ...]):
    """The django-fsm `permission=` callable of a mapping step."""

    def izin(instance, user) -> bool:
        return dapat_bertindak(user, instance, pelaku)

    izin.pelaku = pelaku
    return izin


# --- selectors of visibility (every list, page, export and API goes through these) -------------


def siklus_terlihat(user, qs: QuerySet | None = None) -> QuerySet:
    from .models import SiklusPemetaan

    qs = qs if qs is not None else SiklusPemetaan.objects.all()
    return qs if dapat_melihat_siklus(user) else qs.none()


def rekomendasi_terlihat(user, qs: QuerySet | None = None) -> QuerySet:
    from .models import Rekomendasi

    qs = qs if qs is not None else Rekomendasi.objects.all()
    if not _aktif(user):
        return qs.none()
    if melihat_semua(user):
        return qs
    if adalah_pd(user):
        return qs.filter(perangkat_daerah_id=user.perangkat_daerah_id)
    return qs.none()


def get_siklus_or_404(user, pk, qs: QuerySet | None = None):
    from .models import SiklusPemetaan

    try:
        return siklus_terlihat(user, qs).get(pk=pk)
    except (SiklusPemetaan.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Siklus pemetaan tidak ditemukan.") from exc


def get_rekomendasi_or_404(user, pk, qs: QuerySet | None = None):
    from .models import Rekomendasi

    try:
        return rekomendasi_terlihat(user, qs).get(pk=pk)
    except (Rekomendasi.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Rekomendasi tidak ditemukan.") from exc


def daftar_pemeriksa_pemetaan() -> None:
    """Register who may see the documents owned by the mapping's records (core document view)."""
    from .models import Rekomendasi, SiklusPemetaan, TimPemetaan

    @daftar_pemeriksa(Rekomendasi)
    def _rekomendasi(user, obj) -> bool:
        return dapat_melihat_milik_pd(user, obj.perangkat_daerah_id)

    @daftar_pemeriksa(TimPemetaan)
    def _tim(user, obj) -> bool:
        return dapat_melihat_milik_pd(user, obj.perangkat_daerah_id)

    @daftar_pemeriksa(SiklusPemetaan)
    def _siklus(user, obj) -> bool:
        return dapat_melihat_siklus(user)

    # Who adds documents and versions (kerjasama.permissions.alasan_tolak_tulis_dokumen asks these): the PD
    # that drafts a recommendation while it may still change it (Ps 11); the PD or the Sekretariat for a Tim
    # Pemetaan's decree (Ps 10); the TKKSD's staff and the Wali Kota for a cycle's papers (Ps 12–16). Never
    # the auditor, never another agency.
    @daftar_penulis(Rekomendasi)
    def _tulis_rekomendasi(user, obj, jenis) -> bool:
        return adalah_pd_dari(user, obj.perangkat_daerah_id) and obj.dapat_diubah

    @daftar_penulis(TimPemetaan)
    def _tulis_tim(user, obj, jenis) -> bool:
        return _aktif(user) and (adalah_pd_dari(user, obj.perangkat_daerah_id)
                                 or user.punya_peran(Peran.SEKRETARIAT_TKKSD))

    @daftar_penulis(SiklusPemetaan)
    def _tulis_siklus(user, obj, jenis) -> bool:
        return _aktif(user) and user.punya_peran(Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD, Peran.WALI_KOTA)
