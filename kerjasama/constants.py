"""Names shared by every kind of cooperation: kinds, roles, document types, deadline states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Jenis(models.TextChoices):
    # Perwal 57/2023 Ps 4: the four kinds of Kerja Sama Daerah.
    KSDD = "KSDD", _("KSDD — dengan Daerah lain")
    KSDPK = "KSDPK", _("KSDPK — dengan Pihak Ketiga")
    KSDPL = "KSDPL", _("KSDPL — dengan Pemerintah Daerah di luar negeri")
    KSDLL = "KSDLL", _("KSDLL — dengan Lembaga di luar negeri")


class Inisiatif(models.TextChoices):
    DAERAH = "daerah", _("Prakarsa Daerah")
    MITRA = "mitra", _("Prakarsa Mitra")


class Asal(models.TextChoices):
    BARU = "baru", _("Dibuat di SIKSD")
    PEMETAAN = "pemetaan", _("Dari item pemetaan")
    LEGACY = "legacy", _("Perjanjian lama (dicatat kemudian)")


class Peran(models.TextChoices):
    """Roles are Django groups with exactly these names (spec README, "Actors and roles")."""

    SEKRETARIAT_TKKSD = "sekretariat_tkksd", _("Sekretariat TKKSD")
    KETUA_TKKSD = "ketua_tkksd", _("Ketua TKKSD")
    PD = "pd", _("Perangkat Daerah")
    DPRD = "dprd", _("DPRD")
    WALI_KOTA = "wali_kota", _("Wali Kota")
    TIM_PENGAWASAN = "tim_pengawasan", _("Tim Pengawasan")
    MITRA = "mitra", _("Mitra")
    AUDITOR = "auditor", _("Auditor (Inspektorat)")


# Roles that see every case (spec README: sekretariat, ketua, wali kota, auditor read-only).
PERAN_MELIHAT_SEMUA = (Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD, Peran.WALI_KOTA, Peran.AUDITOR)

# Who acts on a stage. Role codes, plus relations to the case:
PELAKU_PD = "pd"  # a user of the PD Pemrakarsa (or of a PD granted Anggota Tidak Tetap for acting)
PELAKU_MITRA = "mitra"  # a user of the case's own mitra
PELAKU_PENANDATANGAN = "wali_kota"  # the Wali Kota, or the holder of a surat kuasa for this case (Ps 29(2), 45)
PELAKU_SISTEM = "sistem"  # only the deadline sweep / the system


class JenisMitra(models.TextChoices):
    DAERAH_LAIN = "daerah_lain", _("Daerah lain (provinsi/kabupaten/kota)")
    PIHAK_KETIGA = "pihak_ketiga", _("Pihak ketiga")
    PEMDA_LUAR_NEGERI = "pemda_luar_negeri", _("Pemerintah daerah di luar negeri")
    LEMBAGA_LUAR_NEGERI = "lembaga_luar_negeri", _("Lembaga di luar negeri")


class JenisDokumen(models.TextChoices):
    KAK = "kak", _("Kerangka Acuan Kerja (KAK)")
    STUDI_KELAYAKAN = "studi_kelayakan", _("Studi kelayakan")
    KAJIAN = "kajian", _("Kajian")
    SURAT_PENAWARAN = "surat_penawaran", _("Surat penawaran")
    SURAT_JAWABAN = "surat_jawaban", _("Surat jawaban mitra")
    KESEPAKATAN_BERSAMA = "kesepakatan_bersama", _("Kesepakatan Bersama (KB)")
    PKS = "pks", _("Perjanjian Kerja Sama (PKS)")
    ADENDUM = "adendum", _("Adendum/perubahan")
    LOI = "loi", _("Pernyataan Kehendak Kerja Sama (LoI)")
    RENCANA_KERJA_SAMA = "rencana_kerja_sama", _("Rencana Kerja Sama")
    NASKAH = "naskah", _("Naskah Kerja Sama")
    SURAT_KUASA = "surat_kuasa", _("Surat kuasa")
    SURAT_DPRD = "surat_dprd", _("Surat persetujuan/penolakan DPRD")
    SURAT_GUBERNUR = "surat_gubernur", _("Surat Gubernur")
    SURAT_MENTERI = "surat_menteri", _("Surat Menteri")
    SURAT_KELUAR = "surat_keluar", _("Surat keluar")
    SURAT_MASUK = "surat_masuk", _("Surat masuk")
    RENCANA_AKSI = "rencana_aksi", _("Rencana aksi")
    BERITA_ACARA = "berita_acara", _("Berita acara")
    LAPORAN = "laporan", _("Laporan")
    DAFTAR_HADIR = "daftar_hadir", _("Daftar hadir")
    NOTULENSI = "notulensi", _("Notulensi")
    MATRIK_EVALUASI = "matrik_evaluasi", _("Matrik hasil evaluasi")
    KEPUTUSAN = "keputusan", _("Keputusan")
    LAINNYA = "lainnya", _("Lainnya")


class StatusDokumen(models.TextChoices):
    DRAFT = "draft", _("Draf")
    FINAL = "final", _("Final")
    DITANDATANGANI = "ditandatangani", _("Ditandatangani")
    ARSIP = "arsip", _("Arsip")


# A version in one of these states is closed: nobody adds a version on top of it; a correction is a
# new document that refers to it (Dokumen.mengoreksi), with a reason.
STATUS_DOKUMEN_TERKUNCI = (StatusDokumen.DITANDATANGANI, StatusDokumen.ARSIP)


class Klasifikasi(models.TextChoices):
    """Security classification of a record (klasifikasi keamanan arsip dinamis, ANRI: Perka ANRI
    17/2011 and PermenPANRB 2024 on dynamic records): from Biasa/Terbuka up to Sangat Rahasia."""

    BIASA = "biasa", _("Biasa/Terbuka")
    TERBATAS = "terbatas", _("Terbatas")
    RAHASIA = "rahasia", _("Rahasia")
    SANGAT_RAHASIA = "sangat_rahasia", _("Sangat Rahasia")


# Per document type: (classification, shared with the partner). What the city and the partner sign,
# exchange or send each other is shared; the city's own studies, internal reports (Ps 33(1) report to
# the Wali Kota), supervision papers (Ps 85–88: monitoring reports, evaluation matrix, warning letters)
# and draft decisions are not. A partner's own upload is always shared with it (services.dokumen_unggah).
# Staff change a single document's classification or sharing with a reason (audited).
KLASIFIKASI_BAWAAN: dict[str, tuple[str, bool]] = {
    JenisDokumen.KAK: (Klasifikasi.TERBATAS, False),
    JenisDokumen.STUDI_KELAYAKAN: (Klasifikasi.TERBATAS, False),
    JenisDokumen.KAJIAN: (Klasifikasi.TERBATAS, False),
    JenisDokumen.SURAT_PENAWARAN: (Klasifikasi.BIASA, True),
    JenisDokumen.SURAT_JAWABAN: (Klasifikasi.BIASA, True),
    JenisDokumen.KESEPAKATAN_BERSAMA: (Klasifikasi.BIASA, True),
    JenisDokumen.PKS: (Klasifikasi.BIASA, True),
    JenisDokumen.ADENDUM: (Klasifikasi.BIASA, True),
    JenisDokumen.LOI: (Klasifikasi.BIASA, True),
    JenisDokumen.RENCANA_KERJA_SAMA: (Klasifikasi.BIASA, True),
    JenisDokumen.NASKAH: (Klasifikasi.BIASA, True),
    JenisDokumen.SURAT_KUASA: (Klasifikasi.TERBATAS, False),
    JenisDokumen.SURAT_DPRD: (Klasifikasi.TERBATAS, False),
    JenisDokumen.SURAT_GUBERNUR: (Klasifikasi.TERBATAS, False),
    JenisDokumen.SURAT_MENTERI: (Klasifikasi.TERBATAS, False),
    JenisDokumen.SURAT_KELUAR: (Klasifikasi.BIASA, True),
    JenisDokumen.SURAT_MASUK: (Klasifikasi.BIASA, True),
    JenisDokumen.RENCANA_AKSI: (Klasifikasi.BIASA, True),
    JenisDokumen.BERITA_ACARA: (Klasifikasi.BIASA, True),
    JenisDokumen.LAPORAN: (Klasifikasi.TERBATAS, False),
    JenisDokumen.DAFTAR_HADIR: (Klasifikasi.TERBATAS, False),
    JenisDokumen.NOTULENSI: (Klasifikasi.TERBATAS, False),
    JenisDokumen.MATRIK_EVALUASI: (Klasifikasi.TERBATAS, False),
    JenisDokumen.KEPUTUSAN: (Klasifikasi.TERBATAS, False),
    JenisDokumen.LAINNYA: (Klasifikasi.TERBATAS, False),
}


class StatusTenggat(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    TERPENUHI = "terpenuhi", _("Terpenuhi")
    LEWAT = "lewat", _("Lewat")
    DISELESAIKAN_SISTEM = "diselesaikan_sistem", _("Diselesaikan sistem")


class CaraHitung(models.TextChoices):
    KALENDER = "kalender", _("hari kalender")
    KERJA = "kerja", _("hari kerja")


# Ps 26(1), 42(1), 78(1): an agreement runs at most five years.
MASA_BERLAKU_MAKS_TAHUN = 5
