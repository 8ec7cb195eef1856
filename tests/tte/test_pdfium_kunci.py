"""PDFium is not thread-safe and gunicorn runs several threads per worker (benchmarks found it): every use of it
in tte (page images, the signature area) goes through one process-wide lock."""

from __future__ import annotations

import threading

import pytest

from tte import penanda, pratinjau


class _KunciTercatat:
    def __init__(self):
        self.dalam = 0
        self.masuk = 0
        self._k = threading.RLock()

    def __enter__(self):
        self._k.acquire()
        self.dalam += 1
        self.masuk += 1

    def __exit__(self, *exc):
        self.dalam -= 1
        self._k.release()


def test_area_tanda_tangan_memakai_pdfium_di_bawah_kunci(monkeypatch):
    kunci = _KunciTercatat()
    monkeypatch.setattr(pratinjau, "KUNCI_PDFIUM", kunci)
    dipanggil = []

    def palsu(pdf, *, penanda_teks):
        dipanggil.append(kunci.dalam)
        return 0, (0.0, 0.0, 1.0, 1.0)

    monkeypatch.setattr(penanda, "_area_tanda_tangan", palsu)
    assert penanda.area_tanda_tangan(b"%PDF", penanda_teks=("Wali Kota", "Tri")) == (0, (0.0, 0.0, 1.0, 1.0))
    assert dipanggil == [1] and kunci.dalam == 0


@pytest.mark.django_db
def test_gambar_halaman_membuka_pdfium_di_bawah_kunci(monkeypatch):
    kunci = _KunciTercatat()
    monkeypatch.setattr(pratinjau, "KUNCI_PDFIUM", kunci)
    dibuka = []

    def buka(versi):
        dibuka.append(kunci.dalam)
        raise ValueError("bukan PDF")

    monkeypatch.setattr(pratinjau, "_buka", buka)

    class Versi:
        sha256 = "x" * 64

    assert pratinjau.gambar_halaman(Versi(), 1) is None
    assert dibuka == [1] and kunci.dalam == 0
