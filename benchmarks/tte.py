"""Benchmark of issue 13: signing a 10-page PDF with the local PKCS#12 back-end (PAdES B-B, visible block with
QR code) and validating it with pyHanko. `python -m benchmarks.tte [n]` prints the figures for README.md."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main(n: int = 20) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siksd.settings.test")
    import django

    django.setup()
    from django.conf import settings

    from weasyprint import HTML

    from tte import pki
    from tte.penanda import PenandaLokal, Tampilan
    from tte.verifikasi import verifikasi_pdf

    folder = Path(tempfile.mkdtemp(prefix="tte-bench-"))
    settings.SIKSD_TTE_P12_DIR = str(folder)
    ca_kunci, ca_sert = pki.muat_ca(folder)
    kunci, sert = pki.buat_sertifikat(ca_kunci, ca_sert, nama="WALI KOTA (BENCH)", jabatan="WALI KOTA BEKASI")
    (folder / "bench.p12").write_bytes(pki.p12_bytes(kunci, sert, ca_sert, "bench"))
    paragraf = "<p>" + "Para pihak sepakat melaksanakan kerja sama daerah ini dengan itikad baik. " * 12 + "</p>"
    halaman = "".join(paragraf * 3 + '<p style="page-break-after: always"></p>' for _ in range(9))
    pdf = HTML(string=f"{halaman}{paragraf}<p>WALI KOTA BEKASI</p><div style='height:90px'></div>"
                      "<p>WALI KOTA (BENCH)</p>").write_pdf()

    class Pengguna:
        username = "bench"

    tanda, periksa = [], []
    for i in range(n):
        t0 = time.perf_counter()
        out = PenandaLokal().tandatangani(pdf, pengguna=Pengguna(), passphrase="bench", tampilan=Tampilan(
            nama="WALI KOTA (BENCH)", jabatan="WALI KOTA BEKASI", url=f"https://siksd.example/verifikasi/B{i:09d}/",
            kode=f"B{i:09d}"))
        tanda.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        assert verifikasi_pdf(out).sah
        periksa.append(time.perf_counter() - t0)
    import io

    from pypdf import PdfReader

    jumlah = len(PdfReader(io.BytesIO(pdf)).pages)

    def ms(xs, q):
        return f"{statistics.quantiles(xs, n=20)[q] * 1000:.0f} ms" if len(xs) >= 20 else f"{max(xs) * 1000:.0f} ms"

    print(f"PDF {jumlah} halaman, {len(pdf) / 1024:.0f} KiB; {n} kali, {os.cpu_count()} inti")
    print(f"| tanda tangan (lokal, PAdES B-B + blok QR) | {statistics.median(tanda) * 1000:.0f} ms | {ms(tanda, 18)} |")
    print(f"| validasi pyHanko (integritas + rantai) | {statistics.median(periksa) * 1000:.0f} ms | {ms(periksa, 18)} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
