"""CONVENTIONS "Layers": the core (`kerjasama`) knows nothing of the apps built on it, and nothing below the
dashboards (`dasbor`, which aggregates every app) imports them. The apps supply what the core and the
dashboards need through registries (kerjasama.alur, kerjasama.registri_dasbor, kerjasama.menu) in their
own `ready()`. Read from the source (every import statement, also those inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[2]
DI_ATAS_INTI = ("pemetaan", "ksdd", "ksdpk", "ksdln", "pengawasan", "akun", "tte", "dasbor")
DI_BAWAH_DASBOR = ("kerjasama", "pemetaan", "ksdd", "ksdpk", "ksdln", "pengawasan", "akun", "tte")


def _impor(app: str) -> list[tuple[str, int, str]]:
    hasil = []
    for path in sorted((AKAR / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        pohon = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(pohon):
            if isinstance(node, ast.Import):
                nama = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                nama = [node.module]
            else:
                continue
            hasil.extend((str(path.relative_to(AKAR)), node.lineno, n) for n in nama)
    return hasil


def _puncak(nama: str) -> str:
    return nama.split(".", 1)[0]


def test_inti_tidak_mengimpor_aplikasi_di_atasnya():
    pelanggaran = [f"{f}:{n} impor {m}" for f, n, m in _impor("kerjasama") if _puncak(m) in DI_ATAS_INTI]
    assert pelanggaran == []


@pytest.mark.parametrize("app", DI_BAWAH_DASBOR)
def test_tidak_ada_yang_mengimpor_dasbor_dari_bawah(app):
    pelanggaran = [f"{f}:{n} impor {m}" for f, n, m in _impor(app) if _puncak(m) == "dasbor"]
    assert pelanggaran == []


def test_pemeriksa_lapisan_menangkap_impor_terlarang(tmp_path, monkeypatch):
    """The check itself can fail: a module of the core importing pengawasan inside a function is found."""
    palsu = tmp_path / "kerjasama"
    palsu.mkdir()
    (palsu / "x.py").write_text("def f():\n    from pengawasan.models import LaporanMitra\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["AKAR"]), "AKAR", tmp_path)
    assert [m for _, _, m in _impor("kerjasama")] == ["pengawasan.models"]
