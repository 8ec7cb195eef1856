"""KSDPK names (Perwal 57/2023 BAB IV): its kinds (Ps 36(1)), the legal forms of a third party, the
selection criteria (Ps 39(2)) and the Pasal of each stage and step of the shared domestic machine."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisKsdpk(models.TextChoices):
    # Ps 36(1) huruf a–d; each is further governed by its own national rules (Ps 36(2)–(6)).
    PELAYANAN_PUBLIK = "pelayanan_publik", _("a. Penyediaan pelayanan publik")
    PENGELOLAAN_ASET = "pengelolaan_aset", _("b. Pengelolaan aset untuk meningkatkan nilai tambah dan pendapatan daerah")
    INVESTASI = "investasi", _("c. Investasi")
    INFRASTRUKTUR = "infrastruktur", _("d.1) Penyediaan infrastruktur dengan badan usaha berbadan hukum")
    PENGADAAN = "pengadaan_barang_jasa", _("d.2) Pengadaan barang dan jasa")


# Ps 36(2)–(6): the national rules each kind follows, offered as a hint beside the legal basis the PD cites.
AYAT_JENIS = {
    JenisKsdpk.PELAYANAN_PUBLIK: "Pasal 36 ayat (2): peraturan perundang-undangan tentang pelayanan publik",
    JenisKsdpk.PENGELOLAAN_ASET: "Pasal 36 ayat (3): peraturan perundang-undangan tentang pengelolaan aset",
    JenisKsdpk.INVESTASI: "Pasal 36 ayat (4): peraturan perundang-undangan tentang investasi",
    JenisKsdpk.INFRASTRUKTUR: "Pasal 36 ayat (5): peraturan perundang-undangan tentang penyediaan infrastruktur",
    JenisKsdpk.PENGADAAN: "Pasal 36 ayat (6): peraturan perundang-undangan tentang pengadaan barang dan jasa",
}

# A third party is a person, a legal business entity, or a civil organisation with or without legal
# status (Ps 1 angka 28). Stored as the label in the core's free-text `Mitra.bentuk_hukum`.
BENTUK_HUKUM = (
    "Perseroan Terbatas",
    "Badan Usaha Milik Negara",
    "Badan Usaha Milik Daerah",
    "Koperasi",
    "Yayasan",
    "Perkumpulan berbadan hukum",
    "Persekutuan Komanditer (CV)",
    "Firma",
    "Perorangan",
    "Organisasi kemasyarakatan tidak berbadan hukum",
)
# Ps 36(1) huruf d angka 1): infrastructure only with a *badan usaha berbadan hukum*.
BADAN_USAHA_BERBADAN_HUKUM = frozenset(
    {"Perseroan Terbatas", "Badan Usaha Milik Negara", "Badan Usaha Milik Daerah", "Koperasi"})


class KedudukanTim(models.TextChoices):
    KETUA = "ketua", _("Ketua")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    ANGGOTA = "anggota", _("Anggota")


# Ps 39(2) huruf a–c: what the TKKSD weighs when several candidates qualify. Each is scored 0–100.
KRITERIA = (
    ("bonafiditas", "Bonafiditas", "Pasal 39 ayat (2) huruf a"),
    ("pengalaman", "Pengalaman di bidang yang akan dikerjasamakan", "Pasal 39 ayat (2) huruf b"),
    ("komitmen", "Komitmen untuk melaksanakan program/kegiatan KSDPK", "Pasal 39 ayat (2) huruf c"),
)
NILAI_MAKS = 100

# Candidates are set before the offer goes out (Ps 39(1)): it is addressed to them.
TAHAP_CALON = ("persiapan", "kajian_tkksd", "penawaran")
# The Ketua TKKSD may set the team (Ps 39(3)) while the offer is out or the selection runs.
TAHAP_TIM = ("penawaran", "menunggu_jawaban", "pemilihan_mitra")

PASAL_PEMILIHAN = "Pasal 39 ayat (2)–(3)"

# Ps 36–50, per step of the shared domestic machine (kerjasama.domestik).
PASAL_LANGKAH = {
    "ajukan_kak": "Pasal 38 ayat (1)–(2)",
    "kembalikan_kak": "Pasal 38 ayat (3)",
    "terima_kajian": "Pasal 38 ayat (4)–(5)",
    "terima_tawaran_mitra": "Pasal 50 ayat (2)–(3), Pasal 49",
    "tolak_tawaran_mitra": "Pasal 50 ayat (2)–(3)",
    "perbarui_surat_penawaran": "Pasal 39 ayat (1)",
    "kirim_penawaran": "Pasal 39 ayat (1)",
    "mitra_menerima": "Pasal 39 ayat (1)–(2)",
    "mitra_menolak": "Pasal 39 ayat (1)",
    "ajukan_rancangan_kb": "Pasal 40 ayat (1)",
    "kembalikan_rancangan_kb": "Pasal 40 ayat (1)",
    "setujui_rancangan_kb": "Pasal 40 ayat (2), Pasal 47",
    "tandatangani_kb": "Pasal 41, Pasal 42 ayat (1)",
    "perlu_persetujuan_dprd": "Pasal 43",
    "tanpa_persetujuan_dprd": "Pasal 43",
    "setujui_dprd": "Pasal 43",
    "tolak_dprd": "Pasal 43",
    "ajukan_rancangan_pks": "Pasal 44 ayat (1)",
    "kembalikan_rancangan_pks": "Pasal 44 ayat (1)",
    "setujui_rancangan_pks": "Pasal 44 ayat (2), Pasal 47",
    "beri_surat_kuasa": "Pasal 45 ayat (2)",
    "tandatangani_pks": "Pasal 45 ayat (1), Pasal 42 ayat (1)",
    "lampirkan_rencana_aksi": "Pasal 46 ayat (1)",
    "sampaikan_laporan_internal": "Pasal 48 jo. Pasal 33 ayat (1)",
    "susun_laporan_eksternal": "Pasal 48 jo. Pasal 33 ayat (2)",
    "tandatangani_laporan_eksternal": "Pasal 48 jo. Pasal 33 ayat (2)",
    "kirim_laporan_eksternal": "Pasal 48 jo. Pasal 33 ayat (2)",
    "ajukan_perubahan": "Pasal 46 ayat (2)–(4)",
    "kembalikan_perubahan": "Pasal 46 ayat (4)",
    "setujui_perubahan": "Pasal 46 ayat (4)",
    "setujui_perubahan_dprd": "Pasal 46 ayat (5)",
    "tolak_perubahan_dprd": "Pasal 46 ayat (5)",
    "tandatangani_perubahan": "Pasal 46 ayat (2)–(3)",
    "ajukan_perpanjangan": "Pasal 42 ayat (2), Pasal 45 ayat (3)",
    "setujui_perpanjangan": "Pasal 42 ayat (1)",
    "tolak_perpanjangan": "Pasal 42 ayat (1)",
    "tandatangani_perpanjangan": "Pasal 42 ayat (1)–(2)",
}

PASAL_TAHAP = {
    "persiapan": "Pasal 38 ayat (1)–(2)",
    "kajian_tkksd": "Pasal 38 ayat (2)–(5); prakarsa pihak ketiga: Pasal 50",
    "penawaran": "Pasal 39 ayat (1)",
    "menunggu_jawaban": "Pasal 39 ayat (1)",
    "penyusunan_kb": "Pasal 40 ayat (1)",
    "pembahasan_kb": "Pasal 40 ayat (1)–(2), Pasal 47",
    "penandatanganan_kb": "Pasal 41, Pasal 42 ayat (1)",
    "kb_ditandatangani": "Pasal 43",
    "persetujuan_dprd": "Pasal 43",
    "penyusunan_pks": "Pasal 44 ayat (1)",
    "pembahasan_pks": "Pasal 44 ayat (1)–(2), Pasal 47",
    "penandatanganan_pks": "Pasal 45",
    "pelaksanaan": "Pasal 46–48",
    "selesai": "Pasal 42 ayat (1)",
    "ditolak_mitra": "Pasal 39",
    "ditolak_daerah": "Pasal 50 ayat (2)",
    "ditolak_dprd": "Pasal 43",
}
