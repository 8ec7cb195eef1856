"""The legal-fidelity table in docs/ (issue 15) is generated from the code's and the tests' Pasal citations
and must be up to date: regenerate with `python manage.py tabel_fidelitas`."""

from pathlib import Path

from django.conf import settings

from kerjasama.fidelitas import BERKAS_DOKUMEN, kumpulkan, render


def test_tabel_fidelitas_hukum_mutakhir():
    akar = Path(settings.BASE_DIR)
    assert (akar / BERKAS_DOKUMEN).read_text(encoding="utf-8") == render(akar), (
        "docs/fidelitas-hukum.md tertinggal: jalankan `python manage.py tabel_fidelitas`.")


def test_tabel_memetakan_pasal_ke_kode_dan_uji():
    """Ps 65: the code (ksdln) and the tests (test_dprd_koreksi) that cite it are both found; a test named
    test_ps85_… counts for Ps 85; a citation after "75/2021" counts for Perwal 75/2021."""
    kode, uji = kumpulkan(Path(settings.BASE_DIR))
    assert "ksdln/models.py" in kode["Ps 65"]
    assert any("test_dprd_koreksi.py" in t for t in uji["Ps 65"])
    assert any("test_ps85_ayat6" in t for t in uji["Ps 85"])
    assert "pengawasan/permissions.py" in kode["P75 Ps 8"]
