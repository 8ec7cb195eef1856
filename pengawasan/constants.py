"""Names of supervision (Perwal 57/2023 BAB VI and VIII, Ps 84–88; Perwal 75/2021 Ps 8).

Note on numbering: Perwal 57/2023 has two articles numbered 85 (Bagian Kedua "Pembinaan" and
Bagian Ketiga "Pengawasan"). We cite the first as "Pasal 85 (Pembinaan)" and the second with its
ayat, e.g. "Pasal 85 ayat (3)", which only the second has.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Deadline rule codes (interfaces.md).
ATURAN_PEMANTAUAN = "pemantauan"
ATURAN_EVALUASI = "evaluasi"
ATURAN_LAPORAN_MITRA = "laporan_mitra"
ATURAN_SIKLUS = (ATURAN_PEMANTAUAN, ATURAN_EVALUASI)

# Ps 85(3), 85(5), 87(1): every period is six calendar months.
PERIODE_BULAN = 6

# Default time given to close a follow-up task when the Ketua TKKSD accepts the evaluation
# (the Perwal sets none; staff can change it per follow-up).
BATAS_TINDAK_LANJUT_HARI = 30

PASAL_PEMANTAUAN = "Perwal 57/2023 Pasal 85 ayat (2)–(3), Pasal 88 ayat (1)"
PASAL_EVALUASI = "Perwal 57/2023 Pasal 85 ayat (4)–(6), Pasal 88 ayat (2)"
PASAL_MATRIK = "Perwal 57/2023 Pasal 85 ayat (6)–(7)"
PASAL_LAPORAN_MITRA = "Perwal 57/2023 Pasal 87 ayat (1)"
PASAL_TIM = "Perwal 75/2021 Pasal 8 ayat (1)–(5)"
PASAL_TIM_PEMBINAAN = "Perwal 57/2023 Pasal 84 ayat (2)–(3)"
PASAL_PEMBINAAN = "Perwal 57/2023 Pasal 85 (Pembinaan) huruf a–e"
PASAL_ANALISA_EVALUASI = "Perwal 57/2023 Pasal 85 ayat (4)"


class HurufEvaluasi(models.TextChoices):
    # Perwal 57/2023 Ps 85(4): the evaluation analyses a., b. *dan* c. — all three, each a required part.
    A = "a", _("a. Pelaksanaan hak dan kewajiban PKS atau tugas dan kewenangan KB oleh Mitra Kerja Sama")
    B = "b", _("b. Tinjau lokasi")
    C = "c", _("c. Wawancara dan dokumentasi")


class JenisKegiatan(models.TextChoices):
    # Ps 85(1): pengawasan dilakukan melalui pemantauan dan evaluasi.
    PEMANTAUAN = "pemantauan", _("Pemantauan")
    EVALUASI = "evaluasi", _("Evaluasi")


class SifatKegiatan(models.TextChoices):
    # Ps 85(3), 85(5): every 6 months "atau pada saat diperlukan".
    TERJADWAL = "terjadwal", _("Terjadwal (siklus 6 bulan)")
    SAAT_DIPERLUKAN = "saat_diperlukan", _("Pada saat diperlukan")
    # Perwal 75/2021 Ps 8(4): "dalam keadaan tertentu" an evaluation together with drafting the extension.
    BERSAMA_PERPANJANGAN = "bersama_perpanjangan", _("Bersamaan penyusunan naskah perpanjangan")


class TahapKegiatan(models.TextChoices):
    DIRENCANAKAN = "direncanakan", _("Direncanakan")
    DILAKSANAKAN = "dilaksanakan", _("Dilaksanakan")
    LAPORAN_DIAJUKAN = "laporan_diajukan", _("Laporan diajukan ke Ketua TKKSD")
    DITERIMA = "diterima", _("Diterima Ketua TKKSD")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


# Stages in which the activity has been carried out (its date counts for the cycle).
TAHAP_TERLAKSANA = (TahapKegiatan.DILAKSANAKAN, TahapKegiatan.LAPORAN_DIAJUKAN, TahapKegiatan.DITERIMA)


class Rekomendasi(models.TextChoices):
    # Ps 85(7) huruf a–h.
    PERPANJANGAN = "perpanjangan", _("a. Perpanjangan jangka waktu PKS/KB")
    PENYUSUNAN_BARU = "penyusunan_baru", _("b. Penyusunan PKS/KB baru")
    ADDENDUM = "addendum", _("c. Pelaksanaan addendum PKS/KB")
    MENAGIH_KEWAJIBAN = "menagih_kewajiban", _("d. Menagih kewajiban mitra kerja sama")
    KEWAJIBAN_PEMDA = "kewajiban_pemda", _("e. Melaksanakan kewajiban Pemerintah Daerah yang belum terpenuhi")
    MENGAKHIRI = "mengakhiri", _("f. Mengakhiri kerja sama daerah")
    SURAT_TEGURAN = "surat_teguran", _("g. Menerbitkan surat teguran/peringatan")
    PROSES_HUKUM = "proses_hukum", _("h. Menempuh proses secara hukum")


class StatusTindakLanjut(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    SELESAI = "selesai", _("Selesai")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class PenilaianKewajibanStatus(models.TextChoices):
    DIPENUHI = "dipenuhi", _("Dipenuhi")
    SEBAGIAN = "sebagian", _("Dipenuhi sebagian")
    TIDAK_DIPENUHI = "tidak_dipenuhi", _("Tidak dipenuhi")


class KedudukanTim(models.TextChoices):
    # Perwal 75/2021 Ps 8(2) and 8(5).
    KETUA = "ketua", _("Ketua")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    ANGGOTA_TETAP = "anggota_tetap", _("Anggota tetap")
    ANGGOTA_TIDAK_TETAP = "anggota_tidak_tetap", _("Anggota tidak tetap")
    TENAGA_PROFESIONAL = "tenaga_profesional", _("Tenaga profesional")


# The default make-up of a Tim Pengawasan (Perwal 75/2021 Ps 8(2) huruf a–c); huruf d (the PD
# Pemrakarsa) is added from the cooperation itself.
SUSUNAN_BAKU = (
    (KedudukanTim.KETUA, "Kepala Bagian Kerja Sama"),
    (KedudukanTim.SEKRETARIS, "Kepala Sub Bagian Pengendalian Kerja Sama"),
    (KedudukanTim.ANGGOTA_TETAP, "Kepala Sub Bagian Pengembangan Kerja Sama"),
    (KedudukanTim.ANGGOTA_TETAP, "Kepala Sub Bagian Tata Kelola Kerja Sama"),
    (KedudukanTim.ANGGOTA_TETAP, "Kepala Sub Bagian Bantuan Hukum pada Bagian Hukum Sekretariat Daerah"),
)


class KedudukanTimPembinaan(models.TextChoices):
    PENGARAH = "pengarah", _("Pengarah")
    KETUA = "ketua", _("Ketua")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    ANGGOTA = "anggota", _("Anggota")


class BentukPembinaan(models.TextChoices):
    # Perwal 57/2023 Pasal 85 (Pembinaan) huruf a–e; Perwal 75/2021 Ps 5(2).
    PEDOMAN = "pedoman", _("a. Pemberian pedoman")
    SOSIALISASI = "sosialisasi", _("b. Sosialisasi")
    BIMBINGAN = "bimbingan", _("c. Bimbingan")
    ASISTENSI = "asistensi", _("d. Asistensi")
    DIKLAT = "diklat", _("e. Pendidikan dan pelatihan")


class SifatLaporanMitra(models.TextChoices):
    # Ps 87(1): "setiap 6 (enam) bulan atau pada saat diperlukan".
    BERKALA = "berkala", _("Berkala (6 bulanan)")
    SAAT_DIPERLUKAN = "saat_diperlukan", _("Pada saat diperlukan")


# The attachments of a report to the Ketua TKKSD, as document types (kerjasama.constants.JenisDokumen).
# `laporan_mitra` is not a document type: it is the partner reports linked to the activity.
LAMPIRAN_LAPORAN_MITRA = "laporan_mitra"
JENIS_LAMPIRAN = (
    ("berita_acara", _("Berita acara (rapat/tinjau lokasi)")),
    ("daftar_hadir", _("Daftar hadir peserta rapat")),
    ("notulensi", _("Notulensi rapat")),
    ("matrik_evaluasi", _("Matrik hasil evaluasi")),
    ("laporan", _("Dokumen laporan mitra (berkas lain)")),
    ("lainnya", _("Dokumentasi lainnya")),
)
