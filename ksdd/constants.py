"""KSDD names: its kinds (Perwal 57/2023 Ps 1 angka 14–15) and the Pasal of each stage and step (BAB III)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sifat(models.TextChoices):
    # Ps 1 angka 14: wajib, between bordering regions, for affairs with cross-border externalities.
    WAJIB = "wajib", _("Kerja sama wajib")
    # Ps 1 angka 15: sukarela, bordering or not, where working together is more effective.
    SUKARELA = "sukarela", _("Kerja sama sukarela")


# Regions bordering Kota Bekasi (Kemendagri codes), offered first for a kerja sama wajib (Ps 1 angka 14).
WILAYAH_BERBATASAN_KOTA_BEKASI = ("32.16", "32.01", "32.76", "31.75", "31.72")

# Ps 21–35, per step of the shared domestic machine (kerjasama.domestik).
PASAL_LANGKAH = {
    "ajukan_kak": "Pasal 22 ayat (1)–(2)",
    "kembalikan_kak": "Pasal 22 ayat (3)",
    "terima_kajian": "Pasal 22 ayat (4)–(5)",
    "terima_tawaran_mitra": "Pasal 35 ayat (3), Pasal 22 ayat (3)–(5)",
    "tolak_tawaran_mitra": "Pasal 35 ayat (3), Pasal 22 ayat (3)",
    "perbarui_surat_penawaran": "Pasal 23",
    "kirim_penawaran": "Pasal 23",
    "mitra_menerima": "Pasal 24 ayat (1)",
    "mitra_menolak": "Pasal 24 ayat (1)",
    "ajukan_rancangan_kb": "Pasal 24 ayat (1)–(2)",
    "kembalikan_rancangan_kb": "Pasal 24 ayat (2)",
    "setujui_rancangan_kb": "Pasal 24 ayat (2), Pasal 32",
    "tandatangani_kb": "Pasal 25, Pasal 26 ayat (1)",
    "perlu_persetujuan_dprd": "Pasal 27",
    "tanpa_persetujuan_dprd": "Pasal 27",
    "setujui_dprd": "Pasal 27",
    "tolak_dprd": "Pasal 27",
    "ajukan_rancangan_pks": "Pasal 28 ayat (1)",
    "kembalikan_rancangan_pks": "Pasal 28 ayat (1)",
    "setujui_rancangan_pks": "Pasal 28 ayat (2), Pasal 32",
    "beri_surat_kuasa": "Pasal 29 ayat (2)",
    "tandatangani_pks": "Pasal 29, Pasal 26 ayat (1)",
    "lampirkan_rencana_aksi": "Pasal 31",
    "sampaikan_laporan_internal": "Pasal 33 ayat (1)",
    "susun_laporan_eksternal": "Pasal 33 ayat (2)",
    "tandatangani_laporan_eksternal": "Pasal 33 ayat (2)",
    "kirim_laporan_eksternal": "Pasal 33 ayat (2)",
    "ajukan_perubahan": "Pasal 34 ayat (1)–(2)",
    "kembalikan_perubahan": "Pasal 34 ayat (2)",
    "setujui_perubahan": "Pasal 34 ayat (2)",
    "setujui_perubahan_dprd": "Pasal 34 ayat (3)",
    "tolak_perubahan_dprd": "Pasal 34 ayat (3)",
    "tandatangani_perubahan": "Pasal 34 ayat (1)",
    "ajukan_perpanjangan": "Pasal 26 ayat (2), Pasal 30",
    "setujui_perpanjangan": "Pasal 26 ayat (1)",
    "tolak_perpanjangan": "Pasal 26 ayat (1)",
    "tandatangani_perpanjangan": "Pasal 26 ayat (1)–(2), Pasal 30",
}

PASAL_TAHAP = {
    "persiapan": "Pasal 22 ayat (1)–(2)",
    "kajian_tkksd": "Pasal 22 ayat (3)–(5); prakarsa daerah lain: Pasal 35 ayat (3)",
    "penawaran": "Pasal 23",
    "menunggu_jawaban": "Pasal 24 ayat (1)",
    "penyusunan_kb": "Pasal 24 ayat (1)–(2)",
    "pembahasan_kb": "Pasal 24 ayat (2), Pasal 32",
    "penandatanganan_kb": "Pasal 25, Pasal 26 ayat (1)",
    "kb_ditandatangani": "Pasal 27",
    "persetujuan_dprd": "Pasal 27",
    "penyusunan_pks": "Pasal 28 ayat (1)",
    "pembahasan_pks": "Pasal 28 ayat (2), Pasal 32",
    "penandatanganan_pks": "Pasal 29",
    "pelaksanaan": "Pasal 31–34",
    "selesai": "Pasal 26 ayat (1)",
    "ditolak_mitra": "Pasal 24 ayat (1)",
    "ditolak_daerah": "Pasal 35 ayat (3)",
    "ditolak_dprd": "Pasal 27",
}
