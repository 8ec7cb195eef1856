"""Names of the mapping (Perwal 57/2023 BAB II, Ps 5–20; spec pemetaan.md): stages, roles in a
Tim Pemetaan, deadline rule codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TahapSiklus(models.TextChoices):
    """Stages of the annual mapping cycle (spec pemetaan.md, "Stages of the cycle")."""

    PENGUMPULAN_DATA = "pengumpulan_data", _("Pengumpulan data")
    PLENO = "pleno", _("Rapat pleno TKKSD")
    BERITA_ACARA = "berita_acara", _("Berita acara pemetaan")
    DIAJUKAN_KE_WALI_KOTA = "diajukan_ke_wali_kota", _("Diajukan ke Wali Kota")
    DITETAPKAN = "ditetapkan", _("Ditetapkan dengan Keputusan Wali Kota")
    DIEVALUASI = "dievaluasi", _("Dievaluasi")


class TahapRekomendasi(models.TextChoices):
    """Stages of a PD's recommendation (spec pemetaan.md, "Stages of a Rekomendasi")."""

    DRAFT = "draft", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan ke TKKSD")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk dilengkapi")
    LENGKAP = "lengkap", _("Lengkap")
    DIBAHAS = "dibahas", _("Dibahas dalam rapat pleno")


# The list of a cycle may be used to start cases once the Wali Kota has set it (Ps 18).
TAHAP_DAFTAR_DITETAPKAN = (TahapSiklus.DITETAPKAN, TahapSiklus.DIEVALUASI)
# A PD may still edit its recommendation in these stages.
TAHAP_REKOMENDASI_DAPAT_DIUBAH = (TahapRekomendasi.DRAFT, TahapRekomendasi.DIKEMBALIKAN)


class PeranTim(models.TextChoices):
    # Perwal 57/2023 Ps 10(2): the composition of a Tim Pemetaan Potensi Kerja Sama Daerah.
    KETUA = "ketua", _("Ketua (Sekretaris Perangkat Daerah, ex officio)")
    WAKIL_KETUA = "wakil_ketua", _("Wakil ketua (pejabat yang membidangi perencanaan)")
    ANGGOTA = "anggota", _("Anggota (jabatan fungsional/pelaksana bidang perencanaan)")


# Ps 10(2) huruf c: at least two members besides the chair and vice-chair.
ANGGOTA_TIM_MINIMAL = 2

# Deadline rule codes: `evaluasi_pemetaan` is fixed by interfaces.md; interfaces.md lists no code
# for the annual data collection (Ps 11(1)), so this app names it.
ATURAN_EVALUASI = "evaluasi_pemetaan"
ATURAN_PENGUMPULAN_DATA = "pengumpulan_data_pemetaan"

# Document types of the mapping, stored with the core's types (kerjasama.constants.JenisDokumen).
JUDUL_SURAT_PERMINTAAN = "Surat permintaan data pemetaan kepada Perangkat Daerah"
JUDUL_BERITA_ACARA = "Berita Acara Pemetaan Urusan Pemerintahan dalam rangka Kerja Sama Daerah"
JUDUL_RANCANGAN_KEPUTUSAN = "Rancangan Keputusan Wali Kota tentang Daftar Rencana Program dan Kegiatan Kerja Sama Daerah"
