"""Render the first page of each generated naskah dinas type to docs/img/ (issue 13 "Done means": docs shows
each official document as an image). `PYTHONPATH=. .venv/bin/python scripts/gambar_naskah.py`; uses an in-memory
SQLite database in a temporary folder, writes nothing else."""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siksd.settings.test")
os.environ["DATABASE_URL"] = "sqlite:///" + tempfile.mkdtemp(prefix="gambar-naskah-") + "/db.sqlite3"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

KELUAR = Path(__file__).resolve().parents[1] / "docs" / "img"


def main():
    import pypdfium2 as pdfium

    call_command("migrate", verbosity=0)
    from tte import naskah, penanda, pki
    from tte.models import Pejabat

    wk = Pejabat.objects.create(nama="NAMA WALI KOTA (CONTOH)", jabatan="WALI KOTA BEKASI", kop=Pejabat.Kop.WALI_KOTA,
                                mulai=datetime.date(2025, 1, 1))
    sekda = Pejabat.objects.create(nama="NAMA SEKRETARIS DAERAH (CONTOH)", nip="196805121990031008",
                                   pangkat_golongan="Pembina Utama (IV/e)", jabatan="SEKRETARIS DAERAH",
                                   kop=Pejabat.Kop.SETDA, mulai=datetime.date(2025, 1, 1))
    isi = ["Sehubungan dengan rencana kerja sama daerah di bidang angkutan umum terpadu antara Pemerintah Kota "
           "Bekasi dan Pemerintah Kota Bogor, bersama ini kami sampaikan rancangan Perjanjian Kerja Sama untuk "
           "dibahas bersama."] * 3
    umum = {"paragraf": isi, "paragraf_terakhir": "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan "
            "terima kasih.", "tanggal_teks": "7 Desember 2026", "tembusan": ["Ketua TKKSD Kota Bekasi"]}
    dokumen = {
        "surat-wali-kota": ("dokumen/surat_dinas.html", wk, {**umum, "nomor": "000.3/12/Kerja Sama/2026",
                                                              "hal": "Penawaran kerja sama", "tujuan": "Wali Kota Bogor"}),
        "surat-setda": ("dokumen/surat_dinas.html", sekda, {**umum, "nomor": "000.3/13/Kerja Sama/2026",
                                                             "hal": "Undangan rapat TKKSD", "tujuan": "Kepala Dinas Perhubungan"}),
        "berita-acara": ("dokumen/berita_acara.html", sekda, {
            **umum, "judul": "PENANDATANGANAN KESEPAKATAN BERSAMA", "nomor": "000.3/14/Kerja Sama/2026",
            "pembuka": naskah.pembuka_berita_acara(datetime.date(2026, 12, 7)), "tempat_acara": "Ruang Rapat Wali Kota",
            "acara": "penandatanganan Kesepakatan Bersama", "nilai": naskah.rupiah(1_250_000_000), "tembusan": []}),
        "daftar": ("dokumen/daftar.html", sekda, {
            **umum, "judul": "DAFTAR KERJA SAMA DAERAH", "nomor": "-", "tembusan": [],
            "kolom": ["No", "Judul kerja sama", "Mitra", "Tahap", "Berakhir"],
            "baris": [[str(i), f"Kerja sama pengelolaan layanan publik nomor {i}", "Kota Bogor", "Pelaksanaan",
                       "31-12-2027"] for i in range(1, 21)]}),
    }
    KELUAR.mkdir(parents=True, exist_ok=True)
    for nama, (template, pejabat, konteks) in dokumen.items():
        pdf = naskah.render_naskah(template, pejabat=pejabat, konteks=konteks, kode="CONTOH2345",
                                   url="https://siksd.example/verifikasi/CONTOH2345/")
        if nama == "surat-wali-kota":
            folder = Path(tempfile.mkdtemp())
            settings.SIKSD_TTE_P12_DIR = str(folder)
            ca_k, ca_s = pki.muat_ca(folder)
            k, s = pki.buat_sertifikat(ca_k, ca_s, nama=wk.nama, jabatan=wk.jabatan)
            (folder / "contoh.p12").write_bytes(pki.p12_bytes(k, s, ca_s, "x"))

            class U:
                username = "contoh"

            pdf = penanda.PenandaLokal().tandatangani(pdf, pengguna=U(), passphrase="x", tampilan=penanda.Tampilan(
                nama=wk.nama, jabatan=wk.jabatan, url="https://siksd.example/verifikasi/CONTOH2345/", kode="CONTOH2345"))
            nama = "surat-wali-kota-ditandatangani"
        doc = pdfium.PdfDocument(pdf)
        doc.init_forms()
        doc[0].render(scale=1.0, may_draw_forms=True).to_pil().convert("RGB").save(KELUAR / f"naskah-{nama}.png",
                                                                                 optimize=True)
        if nama.endswith("ditandatangani") and len(doc) > 1:
            doc[len(doc) - 1].render(scale=1.0, may_draw_forms=True).to_pil().convert("RGB").save(
                KELUAR / f"naskah-{nama}-halaman-akhir.png", optimize=True)
        doc.close()
        print(KELUAR / f"naskah-{nama}.png")


if __name__ == "__main__":
    main()
