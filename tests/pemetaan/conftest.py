import io

import pytest

from kerjasama import alur


@pytest.fixture
def teks_pdf():
    """bytes of a stored PDF version → its text (pypdf)."""
    from pypdf import PdfReader

    def _teks(versi) -> str:
        with versi.berkas.open("rb") as f:
            reader = PdfReader(io.BytesIO(f.read()))
        # Table cells wrap: compare with whitespace collapsed.
        return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())

    return _teks


@pytest.fixture
def pembuat_uji():
    """Register a case creator for a test kind, and remove it afterwards (the KSDD/KSDPK/KSDLN
    apps register their real creators; a test must not leave one behind)."""
    terdaftar = []

    def _daftar(jenis: str):
        from kerjasama.constants import Asal
        from kerjasama.models import PerjanjianLama
        from kerjasama.services import kerjasama_buat

        dipanggil = []

        def pembuat(*, by, judul, perangkat_daerah, mitra=None, uraian="", item_pemetaan=None, **data):
            dipanggil.append({"by": by, "judul": judul, "perangkat_daerah": perangkat_daerah, "mitra": mitra,
                              "uraian": uraian, "item_pemetaan": item_pemetaan, **data})
            return kerjasama_buat(model=PerjanjianLama, by=by, tahap="pelaksanaan", judul=judul, jenis=jenis,
                                  perangkat_daerah=perangkat_daerah, mitra=mitra, uraian=uraian, asal=Asal.BARU)

        lama = alur._PEMBUAT_KASUS.get(jenis)
        terdaftar.append((jenis, lama))
        alur.daftar_pembuat_kasus(jenis, pembuat)
        return dipanggil

    yield _daftar
    for jenis, lama in reversed(terdaftar):
        if lama is None:
            alur._PEMBUAT_KASUS.pop(jenis, None)
        else:
            alur._PEMBUAT_KASUS[jenis] = lama
