"""Who may see and do what in supervision. Seeing a cooperation is decided by the core
(`kerjasama.permissions`); this module only adds who *acts*:

- the Sekretariat TKKSD (Bagian Kerja Sama) acts on every cooperation;
- a member of a cooperation's Tim Pengawasan who holds an account acts on that cooperation
  (Perwal 75/2021 Ps 8(3): the team carries out monitoring and evaluation);
- the Ketua TKKSD receives or returns the reports (Perwal 57/2023 Ps 88);
- a mitra user uploads reports only for its own cooperation (Ps 87(1)); staff may upload a paper
  report on its behalf.
"""

from __future__ import annotations

from kerjasama.constants import PERAN_MELIHAT_SEMUA, Peran
from kerjasama.permissions import (
    adalah_mitra_kasus,
    daftar_audit_internal,
    daftar_pemeriksa,
    daftar_penulis,
    dapat_melihat,
    melihat_semua,
)

from .models import (
    AnggotaTimPengawasan,
    KegiatanPembinaan,
    KegiatanPengawasan,
    TimPembinaanPengawasan,
    TimPengawasan,
    TindakLanjut,
)


def _aktif(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def adalah_anggota_tim(user, kerjasama) -> bool:
    """A member of the cooperation's Tim Pengawasan that the Ketua TKKSD has assigned (Perwal 75/2021 Ps 8(1):
    the team acts on the Ketua's surat tugas; a team the Sekretariat only prepared does not act yet)."""
    from .models import AnggotaTimPengawasan

    return AnggotaTimPengawasan.objects.filter(tim__kerjasama_id=kerjasama.pk, pengguna_id=user.pk,
                                               tim__ditugaskan_pada__isnull=False).exists()


def adalah_anggota_tim_pembinaan(user) -> bool:
    """Perwal 57/2023 Ps 84(2)–(3): the Tim Pembinaan dan Pengawasan set by Keputusan Wali Kota carries out
    supervision; its members with an account (on a Keputusan in force) supervise every cooperation."""
    from django.db.models import Q
    from django.utils import timezone

    from .models import AnggotaTimPembinaan

    hari_ini = timezone.localdate()
    return AnggotaTimPembinaan.objects.filter(
        Q(tim__berlaku_mulai__isnull=True) | Q(tim__berlaku_mulai__lte=hari_ini),
        Q(tim__berlaku_sampai__isnull=True) | Q(tim__berlaku_sampai__gte=hari_ini),
        pengguna_id=user.pk).exists()


def dapat_mengawasi(user, kerjasama) -> bool:
    """May `user` plan, record and report supervision activities on this cooperation?"""
    if not _aktif(user) or not dapat_melihat(user, kerjasama):
        return False
    if user.punya_peran(Peran.SEKRETARIAT_TKKSD):
        return True
    if user.peran <= {Peran.AUDITOR, Peran.MITRA}:
        return False
    return adalah_anggota_tim(user, kerjasama) or adalah_anggota_tim_pembinaan(user)


def dapat_menugaskan_tim(user) -> bool:
    # Perwal 75/2021 Ps 8(1): Ketua TKKSD (Sekretaris Daerah) menugaskan Tim Pengawasan.
    return _aktif(user) and user.punya_peran(Peran.KETUA_TKKSD)


def dapat_menerima_laporan(user, kerjasama) -> bool:
    # Perwal 57/2023 Ps 88(1)–(2): laporan dilaporkan kepada Ketua TKKSD.
    return _aktif(user) and dapat_melihat(user, kerjasama) and user.punya_peran(Peran.KETUA_TKKSD)


def dapat_mengelola_tim(user) -> bool:
    return _aktif(user) and user.punya_peran(Peran.SEKRETARIAT_TKKSD)


def dapat_melihat_pengawasan(user, kerjasama) -> bool:
    """The supervision file of a cooperation (activities, matrix, follow-ups) is internal to the
    city: a partner sees its own reports ("Laporan saya") but not the team's working papers."""
    if not dapat_melihat(user, kerjasama):
        return False
    return not (user.punya_peran(Peran.MITRA) and not melihat_semua(user))


def dapat_mengunggah_laporan_mitra(user, kerjasama) -> bool:
    """Ps 87(1): the partner reports; staff may record a report received on paper."""
    if not _aktif(user) or not dapat_melihat(user, kerjasama):
        return False
    return adalah_mitra_kasus(user, kerjasama) or user.punya_peran(Peran.SEKRETARIAT_TKKSD)


def dapat_mengubah_tindak_lanjut(user, tindak_lanjut: TindakLanjut) -> bool:
    if not _aktif(user) or not dapat_melihat(user, tindak_lanjut.kerjasama):
        return False
    if user.punya_peran(Peran.SEKRETARIAT_TKKSD):
        return True
    if tindak_lanjut.penanggung_jawab_id == user.pk:
        return True
    return dapat_mengawasi(user, tindak_lanjut.kerjasama)


def dapat_mencatat_pembinaan(user) -> bool:
    # Ps 84–85 (Pembinaan): carried out by the Tim Pembinaan dan Pengawasan, recorded by its secretariat.
    return _aktif(user) and user.punya_peran(Peran.SEKRETARIAT_TKKSD, Peran.TIM_PENGAWASAN)


def dapat_melihat_pembinaan(user, kegiatan: KegiatanPembinaan) -> bool:
    if not _aktif(user):
        return False
    if melihat_semua(user) or user.punya_peran(Peran.TIM_PENGAWASAN):
        return True
    return bool(user.perangkat_daerah_id) and kegiatan.perangkat_daerah.filter(pk=user.perangkat_daerah_id).exists()


# --- documents owned by records without a case -----------------------------------------------


@daftar_pemeriksa(TimPembinaanPengawasan)
def _lihat_dokumen_tim_pembinaan(user, tim) -> bool:
    # A Keputusan Wali Kota: the city's own staff read it; partners do not need it.
    return _aktif(user) and (melihat_semua(user) or user.punya_peran(Peran.TIM_PENGAWASAN, Peran.PD))


@daftar_pemeriksa(KegiatanPembinaan)
def _lihat_dokumen_pembinaan(user, kegiatan) -> bool:
    return dapat_melihat_pembinaan(user, kegiatan)


@daftar_pemeriksa(KegiatanPengawasan)
def _lihat_dokumen_kegiatan(user, kegiatan) -> bool:
    # The team's working papers (berita acara, daftar hadir, notulensi, matrik, the report) are
    # owned by the activity, not filed on the case, so that the partner does not read them.
    return dapat_melihat_pengawasan(user, kegiatan.kerjasama)


@daftar_pemeriksa(TindakLanjut)
def _lihat_dokumen_tindak_lanjut(user, tindak_lanjut) -> bool:
    # A draft warning letter stays internal until staff send it.
    return dapat_melihat_pengawasan(user, tindak_lanjut.kerjasama)


# Who adds documents and versions to the supervision papers (kerjasama.permissions.alasan_tolak_tulis_dokumen
# asks these): never the auditor, a partner, or a PD that is not on the team.
@daftar_penulis(TimPembinaanPengawasan)
def _tulis_dokumen_tim_pembinaan(user, tim, jenis) -> bool:
    return dapat_mengelola_tim(user)


@daftar_penulis(KegiatanPembinaan)
def _tulis_dokumen_pembinaan(user, kegiatan, jenis) -> bool:
    return dapat_mencatat_pembinaan(user)


@daftar_penulis(KegiatanPengawasan)
def _tulis_dokumen_kegiatan(user, kegiatan, jenis) -> bool:
    # Ps 85–88: the Sekretariat and the case's Tim Pengawasan record monitoring and evaluation.
    return dapat_mengawasi(user, kegiatan.kerjasama)


@daftar_penulis(TindakLanjut)
def _tulis_dokumen_tindak_lanjut(user, tindak_lanjut, jenis) -> bool:
    # Ps 85(7): follow-ups (a warning letter being considered) are the team's and the Sekretariat's.
    return _aktif(user) and not (user.peran <= {Peran.AUDITOR, Peran.MITRA}) and (
        user.punya_peran(Peran.SEKRETARIAT_TKKSD) or dapat_mengawasi(user, tindak_lanjut.kerjasama))


# The supervision file is internal to the city (Ps 85–88): its entries in a case's audit trail are not
# shown to the partner, except those about the partner's own reports (LaporanMitra).
daftar_audit_internal(KegiatanPengawasan, TindakLanjut, TimPengawasan, AnggotaTimPengawasan, TimPembinaanPengawasan,
                      KegiatanPembinaan, awalan_aksi=("pengawasan_", "kegiatan_", "tindak_lanjut_"))


PERAN_IKHTISAR = (*PERAN_MELIHAT_SEMUA, Peran.TIM_PENGAWASAN, Peran.PD)
