"""Names and data of BAB V of Perwal 57/2023 (KSDPL and KSDLL, Ps 51–83): kinds, sources of the
initiative, objects, the Ps 51 requirements, the required parts of each document, and the
periods of the legal clocks. Each is defined once, here, and read by the models, the
transitions' fields, the forms, the PDFs and the deadline rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MODEL_LABEL = "ksdln.kasusksdln"


class Bentuk(models.TextChoices):
    """Ps 52(1) (KSDPL) and Ps 53 (KSDLL)."""

    KOTA_KEMBAR = "kota_kembar", _("Kota kembar/bersaudara (KSDPL, Pasal 52 ayat (1) huruf a)")
    PENERUSAN = "penerusan", _("Penerusan kerja sama Pemerintah Pusat (KSDLL, Pasal 53 huruf a)")
    LAINNYA = "lainnya", _("Kerja sama lainnya (Pasal 52 ayat (1) huruf b / Pasal 53 huruf b)")


BENTUK_PER_JENIS = {
    "KSDPL": (Bentuk.KOTA_KEMBAR, Bentuk.LAINNYA),
    "KSDLL": (Bentuk.PENERUSAN, Bentuk.LAINNYA),
}


class SumberPrakarsa(models.TextChoices):
    """Ps 58(1) (KSDPL: a, b, c) and Ps 58(2) (KSDLL: a, b)."""

    DAERAH = "daerah", _("Pemerintah Daerah Kota (berdasarkan dokumen pemetaan, Pasal 58 ayat (3))")
    MITRA = "mitra", _("Pemerintah daerah di luar negeri (langsung)")
    MELALUI_MENTERI = "melalui_menteri", _(
        "Mitra luar negeri melalui Menteri dan/atau menteri urusan hubungan luar negeri"
    )


# Ps 58(2): a KSDLL initiative comes from the Daerah or from abroad *through* the Menteri only.
SUMBER_PER_JENIS = {
    "KSDPL": (SumberPrakarsa.DAERAH, SumberPrakarsa.MITRA, SumberPrakarsa.MELALUI_MENTERI),
    "KSDLL": (SumberPrakarsa.DAERAH, SumberPrakarsa.MELALUI_MENTERI),
}


class Objek(models.TextChoices):
    """Ps 55(1): several may apply to one cooperation."""

    IPTEK = "iptek", _("Pengembangan ilmu pengetahuan dan teknologi")
    BUDAYA = "budaya", _("Pertukaran budaya")
    KEMAMPUAN_TEKNIS = "kemampuan_teknis", _("Peningkatan kemampuan teknis dan manajemen pemerintahan")
    PROMOSI = "promosi", _("Promosi potensi daerah")
    OLAHRAGA = "olahraga", _("Olahraga")
    LAINNYA = "lainnya", _("Objek lainnya yang tidak bertentangan dengan peraturan perundang-undangan")


class JenisLembaga(models.TextChoices):
    """Ps 74(1): the partners of a KSDLL by forwarding of central-government cooperation."""

    ORGANISASI_INTERNASIONAL = "organisasi_internasional", _("Organisasi internasional (Pasal 74 ayat (1) huruf a)")
    NONPROFIT = "nonprofit", _("Lembaga nonprofit berbadan hukum di luar negeri (Pasal 74 ayat (1) huruf b)")
    MITRA_PEMBANGUNAN = "mitra_pembangunan", _("Mitra pembangunan luar negeri (Pasal 74 ayat (1) huruf c)")


class CaraPenjajakan(models.TextChoices):
    """Ps 59(2) a–d."""

    KOMUNIKASI = "komunikasi", _("Komunikasi dengan calon mitra melalui media komunikasi dan informatika")
    INFORMASI = "informasi", _("Menggali informasi melalui media, kementerian, atau kementerian luar negeri")
    KUNJUNGAN_KELUAR = "kunjungan_keluar", _("Kunjungan kepada calon mitra di luar negeri")
    KUNJUNGAN_MASUK = "kunjungan_masuk", _("Mengundang calon mitra berkunjung ke Daerah")


class KeputusanDprd(models.TextChoices):
    DISETUJUI = "disetujui", _("Disetujui DPRD")
    DITOLAK = "ditolak", _("Ditolak DPRD")
    DIANGGAP_DISETUJUI = "dianggap_disetujui", _("Dianggap disetujui (Pasal 65 ayat (3))")


class AlasanPengakhiran(models.TextChoices):
    """Ps 79, plus the end of the term (Ps 78(1))."""

    KESEPAKATAN = "kesepakatan", _("Kesepakatan para pihak melalui prosedur dalam Naskah (Pasal 79 huruf a)")
    TUJUAN_TERCAPAI = "tujuan_tercapai", _("Tujuan Naskah Kerja Sama telah tercapai (Pasal 79 huruf b)")
    DIGANTI = "diganti", _("Dibuat kesepakatan baru yang menggantikan (Pasal 79 huruf c)")
    MASA_BERLAKU = "masa_berlaku", _("Masa berlaku berakhir tanpa perpanjangan (Pasal 78 ayat (1))")


class JenisLangkahPerselisihan(models.TextChoices):
    """Ps 82–83."""

    NEGOSIASI = "negosiasi", _("Negosiasi (Pasal 82 ayat (1))")
    KONSULTASI = "konsultasi", _("Konsultasi (Pasal 82 ayat (1))")
    KONSULTASI_MENTERI = "konsultasi_menteri", _("Konsultasi kepada Menteri (Pasal 82 ayat (2), Pasal 83)")


class StatusPerselisihan(models.TextChoices):
    BERJALAN = "berjalan", _("Dalam penyelesaian")
    SELESAI = "selesai", _("Selesai")


class JenisIzin(models.TextChoices):
    """Ps 76(2) huruf a."""

    PRINSIP = "izin_prinsip", _("Izin Prinsip")
    OPERASIONAL = "izin_operasional", _("Izin Operasional")


class StatusKegiatan(models.TextChoices):
    DIRENCANAKAN = "direncanakan", _("Direncanakan")
    TERLAKSANA = "terlaksana", _("Terlaksana")
    BATAL = "batal", _("Batal")


class StatusLaporan(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIKIRIM = "dikirim", _("Dikirim kepada Gubernur")


# --- Ps 51: the requirements checklist ---------------------------------------------------------
# (kode, uraian, pasal, berlaku): "semua" for every foreign cooperation, "iptek" when the objects
# include science and technology, "KSDPL" for a KSDPL only.
PERSYARATAN = (
    ("hubungan_diplomatik", "Mempunyai hubungan diplomatik dengan negara mitra", "Pasal 51 ayat (1) huruf a", "semua"),
    ("urusan_pemerintahan_daerah", "Merupakan urusan Pemerintahan Daerah", "Pasal 51 ayat (1) huruf b", "semua"),
    ("tanpa_kantor_perwakilan", "Pemerintah Daerah tidak membuka kantor perwakilan di luar negeri",
     "Pasal 51 ayat (1) huruf c", "semua"),
    ("tidak_mencampuri", "Mitra tidak mencampuri urusan pemerintahan dalam negeri", "Pasal 51 ayat (1) huruf d",
     "semua"),
    ("sesuai_rencana_pembangunan", "Sesuai dengan kebijakan dan rencana pembangunan nasional dan daerah",
     "Pasal 51 ayat (1) huruf e", "semua"),
    ("alih_iptek", "Ilmu pengetahuan dan teknologi dapat dialihkan ke sumber daya manusia Indonesia",
     "Pasal 51 ayat (2)", "iptek"),
    ("kesetaraan", "Kesetaraan status administrasi dan/atau kesetaraan wilayah", "Pasal 51 ayat (3) huruf a",
     "KSDPL"),
    ("saling_melengkapi", "Saling melengkapi", "Pasal 51 ayat (3) huruf b", "KSDPL"),
    ("hubungan_masyarakat", "Peningkatan hubungan antar masyarakat", "Pasal 51 ayat (3) huruf c", "KSDPL"),
)


def persyaratan_berlaku(*, jenis: str, objek) -> list[tuple[str, str, str]]:
    """The Ps 51 requirements that apply to a case of this kind with these objects."""
    hasil = []
    for kode, uraian, pasal, berlaku in PERSYARATAN:
        if berlaku == "semua" or (berlaku == "iptek" and Objek.IPTEK in (objek or ())) or berlaku == jenis:
            hasil.append((kode, uraian, pasal))
    return hasil


# --- required parts of each document (kode, label) ---------------------------------------------
# Ps 60(3): the kajian.
BAGIAN_KAJIAN = (
    ("judul", "Judul"),
    ("latar_belakang", "Latar belakang"),
    ("maksud_tujuan", "Maksud dan tujuan"),
    ("pemetaan_potensi", "Pemetaan potensi dan karakteristik serta kebutuhan daerah"),
    ("manfaat", "Manfaat kerja sama terhadap pembangunan daerah"),
    ("kesimpulan", "Kesimpulan"),
)
# Ps 62(2) a–d (e. masa berlaku and f. tempat dan tanggal are typed fields of their own).
BAGIAN_LOI = (
    ("judul", "Judul"),
    ("subjek", "Subjek kerja sama"),
    ("maksud_tujuan", "Maksud dan tujuan"),
    ("ruang_lingkup", "Ruang lingkup kerja sama"),
)
# Ps 63(3).
BAGIAN_RENCANA = (
    ("subjek", "Subjek kerja sama"),
    ("latar_belakang", "Latar belakang"),
    ("maksud_tujuan_sasaran", "Maksud, tujuan, dan sasaran"),
    ("objek", "Objek kerja sama"),
    ("ruang_lingkup", "Ruang lingkup kerja sama"),
    ("sumber_pembiayaan", "Sumber pembiayaan"),
    ("jangka_waktu", "Jangka waktu pelaksanaan"),
)
# Ps 68(4).
BAGIAN_NASKAH = (
    ("judul", "Judul"),
    ("subjek", "Subjek kerja sama"),
    ("maksud_tujuan", "Maksud dan tujuan"),
    ("ruang_lingkup", "Ruang lingkup"),
    ("pelaksanaan", "Pelaksanaan"),
    ("pembiayaan", "Pembiayaan"),
    ("kelompok_kerja", "Kelompok kerja bersama"),
    ("penyelesaian_perselisihan", "Penyelesaian perselisihan"),
    ("amandemen", "Amandemen"),
    ("masa_berlaku", "Masa berlaku, perpanjangan dan pengakhiran"),
    ("tanggal_tempat", "Tanggal dan tempat penandatanganan"),
)
# Ps 81(1): the annual report (fields of LaporanTahunanKsdln).
BAGIAN_LAPORAN = (
    ("judul", "Judul"),
    ("latar_belakang", "Latar belakang"),
    ("maksud_tujuan_sasaran", "Maksud, tujuan dan sasaran"),
    ("ruang_lingkup", "Ruang lingkup kerja sama"),
    ("perkembangan_hasil", "Perkembangan/hasil kerja sama"),
    ("penerima_manfaat", "Penerima manfaat"),
    ("pendanaan", "Pendanaan"),
    ("hambatan_tantangan", "Hambatan dan tantangan"),
    ("analisis_tindak_lanjut", "Analisis dan rencana tindak lanjut"),
)

# --- the legal clocks (periods defined once) ---------------------------------------------------
DPRD_HARI = 45  # Ps 65(2)–(3)
# Ps 65(2): days after the Wali Kota's letter to the DPRD without a recorded receipt before the Sekretariat
# is flagged (not a legal period: an operational check so the 45 days are never held back unnoticed).
DPRD_PENERIMAAN_HARI = 7
GUBERNUR_HARI = 5  # Ps 66(3), Ps 68(2)–(3)
LOI_MAKS_TAHUN = 1  # Ps 62(3)
LOI_PERINGATAN_HARI = 60  # warned this many days before the LoI lapses
PERPANJANGAN_BULAN_SEBELUM_AKHIR = 6  # Ps 78(3)
PERPANJANGAN_PERINGATAN_HARI = 30
LAPORAN_BATAS_BULAN_HARI = (1, 7)  # Ps 80(2): the first week of January, read as "by 7 January"

# Stages in which the signed LoI is what the next step relies on (Ps 63(1), 64(2)b, 66(1)b):
# a lapsed LoI blocks them until a new one is signed.
TAHAP_BERGANTUNG_LOI = ("loi_ditandatangani", "penyusunan_rencana", "persetujuan_dprd", "verifikasi")
