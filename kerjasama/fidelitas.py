"""The legal-fidelity table (issue 15): which Pasal of Perwal 57/2023 (and Perwal 75/2021) the code cites
and which tests cite it, generated from the sources so that it cannot drift from them.

Code: every `Ps N` / `Pasal N` citation in the apps' Python modules and templates (comments, labels, messages).
Tests: every test function whose name (`test_ps85_…`), docstring or body cites the Pasal. A citation after
"75/2021" on the same line counts for Perwal 75/2021. `python manage.py tabel_fidelitas` writes
docs/fidelitas-hukum.md; `--periksa` fails when the file is stale (tests/kerjasama/test_fidelitas.py does too).
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

APLIKASI = ("kerjasama", "ksdd", "ksdpk", "ksdln", "pengawasan", "pemetaan", "dasbor")
BERKAS_DOKUMEN = Path("docs") / "fidelitas-hukum.md"
_SENDIRI = "kerjasama/fidelitas.py"

_KUTIPAN = re.compile(r"\b(?:Ps|Pasal)\s+(\d{1,2})\b")
_NAMA_UJI = re.compile(r"(?:^|_)ps(\d{1,2})(?=_|$)")
_P75 = "75/2021"

# Pasal of Perwal 57/2023 with no code of their own, and why (the table says so instead of leaving a gap).
TIDAK_OPERATIF = {
    1: "Ketentuan umum (definisi); dipakai sebagai kosakata model.",
    2: "Maksud dan tujuan Peraturan Wali Kota.",
    3: "Ruang lingkup Peraturan Wali Kota.",
    4: "Prinsip kerja sama daerah (asas), tidak memuat langkah yang dapat diperiksa sistem.",
    89: "Ketentuan penutup.",
    90: "Ketentuan penutup.",
}
PASAL_57 = range(1, 89)

# Provisions registered at ayat/huruf level: a Pasal row alone would hide a huruf that no code enforces
# and no test cites. Key "Ps N(ayat) huruf x" → what it says. A citation "Pasal 85 ayat (4) huruf a",
# "Ps 85(4) huruf a" or a range "huruf a–c" counts, as does a test named `test_ps85_ayat4_huruf_a_…`.
RINCIAN: dict[str, str] = {
    "Ps 85(4) huruf a": "Evaluasi menganalisa pelaksanaan hak dan kewajiban PKS / tugas dan kewenangan KB oleh mitra "
                        "(bagian wajib; tidak terpenuhi tanpa kewajiban tercatat atau pernyataan beralasan).",
    "Ps 85(4) huruf b": "Evaluasi menganalisa tinjau lokasi (bagian wajib dengan temuan dan bukti).",
    "Ps 85(4) huruf c": "Evaluasi menganalisa wawancara dan dokumentasi (bagian wajib dengan temuan dan bukti).",
}
_RINCI = re.compile(r"\b(?:Ps|Pasal)\s+(\d{1,2})\s*(?:ayat\s*)?\((\d{1,2})\)(?:\s*(?:dan|,)\s*\(\d{1,2}\))*"
                    r"\s*huruf\s+([a-h])(?:\s*(?:[–-]|dan|,)\s*([a-h]))?\b")
_RINCI_UJI = re.compile(r"(?:^|_)ps(\d{1,2})_ayat(\d{1,2})_huruf_([a-h])(?:_(?:dan|sampai)_([a-h]))?(?=_|$)")


def _huruf(awal: str, akhir: str | None) -> list[str]:
    return [chr(c) for c in range(ord(awal), ord(akhir or awal) + 1)] if not akhir or akhir >= awal else [awal]


def _rincian(teks: str, nama: str = "") -> set[str]:
    hasil = set()
    for pasal, ayat, awal, akhir in [*_RINCI.findall(teks), *_RINCI_UJI.findall(nama)]:
        for h in _huruf(awal, akhir or None):
            kunci = f"Ps {int(pasal)}({int(ayat)}) huruf {h}"
            if kunci in RINCIAN:
                hasil.add(kunci)
    return hasil


def _kunci(baris: str, posisi: int, nomor: str) -> str:
    awal = baris.rfind(_P75, 0, posisi)
    return f"P75 Ps {int(nomor)}" if awal != -1 else f"Ps {int(nomor)}"


def _kutipan(teks: str) -> set[str]:
    hasil = set()
    for baris in teks.splitlines():
        for m in _KUTIPAN.finditer(baris):
            # "PKS Pasal 6", "KB Pasal 3": an article of the agreement itself, not of the regulation.
            if re.search(r"\b(PKS|KB|Naskah)\s+$", baris[max(0, m.start() - 8):m.start()]):
                continue
            hasil.add(_kunci(baris, m.start(), m.group(1)))
    return hasil


# Generated copies of labels declared elsewhere (issue 14's catalog feed): they cite no Pasal of their own.
BERKAS_DIHASILKAN = frozenset({"kerjasama/label_terjemahan.py"})


def kumpulkan(akar: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(Pasal → code files citing it, Pasal → test ids citing it); the registered provisions (`RINCIAN`)
    are keys too."""
    kode: dict[str, set[str]] = defaultdict(set)
    uji: dict[str, set[str]] = defaultdict(set)
    for app in APLIKASI:
        for path in sorted((akar / app).rglob("*")):
            if path.suffix not in (".py", ".html") or "migrations" in path.parts or not path.is_file():
                continue
            rel = path.relative_to(akar).as_posix()
            if rel == _SENDIRI or rel in BERKAS_DIHASILKAN:  # the registry names provisions; generated labels cite none
                continue
            teks = path.read_text(encoding="utf-8")
            for kunci in _kutipan(teks) | _rincian(teks):
                kode[kunci].add(rel)
    for path in sorted((akar / "tests").rglob("test_*.py")):
        rel = path.relative_to(akar).as_posix()
        sumber = path.read_text(encoding="utf-8")
        pohon = ast.parse(sumber)
        modul = _kutipan(ast.get_docstring(pohon) or "") | _rincian(ast.get_docstring(pohon) or "")
        for node in ast.walk(pohon):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not node.name.startswith("test_"):
                continue
            kunci = set(modul)
            kunci |= {f"Ps {int(n)}" for n in _NAMA_UJI.findall(node.name)}
            kunci |= _kutipan(ast.get_source_segment(sumber, node) or "")
            kunci |= _rincian(ast.get_source_segment(sumber, node) or "", node.name)
            for k in kunci:
                uji[k].add(f"{rel}::{node.name}")
    return kode, uji


def _urut(kunci: str) -> tuple[int, int]:
    return (1 if kunci.startswith("P75") else 0, int(kunci.rsplit(" ", 1)[1]))


def _daftar(nilai: set[str], batas: int) -> str:
    urut = sorted(nilai)
    teks = "<br>".join(f"`{v}`" for v in urut[:batas])
    if len(urut) > batas:
        teks += f"<br>… dan {len(urut) - batas} lagi"
    return teks or "—"


def render(akar: Path) -> str:
    kode, uji = kumpulkan(akar)
    semua = {f"Ps {n}" for n in PASAL_57} | {k for k in (*kode, *uji) if k not in RINCIAN}
    baris = [
        "# Fidelitas hukum: Pasal → kode → uji",
        "",
        "Dibangkitkan oleh `python manage.py tabel_fidelitas` dari kutipan `Ps N`/`Pasal N` di kode aplikasi dan di",
        "nama, docstring dan isi fungsi uji (`kerjasama/fidelitas.py`). Jangan diubah dengan tangan:",
        "`tests/kerjasama/test_fidelitas.py` gagal bila berkas ini tertinggal dari kode dan uji. Baris `P75` adalah",
        "Perwal 75/2021; selebihnya Perwal 57/2023. Pasal tanpa kode diberi alasan bila memang tidak operatif.",
        "",
        "| Pasal | kode | uji | catatan |",
        "|---|---|---|---|",
    ]
    tanpa_kode = []
    for kunci in sorted(semua, key=_urut):
        nomor = int(kunci.rsplit(" ", 1)[1])
        catatan = ""
        if kunci not in kode:
            if not kunci.startswith("P75") and nomor in TIDAK_OPERATIF:
                catatan = f"tidak operatif: {TIDAK_OPERATIF[nomor]}"
            else:
                catatan = "**belum ada kode yang mengutip**"
                tanpa_kode.append(kunci)
        elif kunci not in uji:
            catatan = "belum ada uji yang mengutip"
        baris.append(f"| {kunci} | {_daftar(kode.get(kunci, set()), 4)} | {_daftar(uji.get(kunci, set()), 4)} | {catatan} |")
    baris += ["", f"Pasal tanpa kode dan tanpa alasan: {', '.join(tanpa_kode) or 'tidak ada'}.", ""]
    baris += [
        "## Rincian terdaftar (ayat/huruf)",
        "",
        "Ketentuan yang didaftarkan per huruf di `RINCIAN` (`kerjasama/fidelitas.py`), agar huruf yang tidak ditegakkan",
        "kode atau tidak dikutip uji tidak tersembunyi di balik baris Pasal-nya.",
        "",
        "| ketentuan | isi | kode | uji | catatan |",
        "|---|---|---|---|---|",
    ]
    for kunci, isi in RINCIAN.items():
        catatan = ("**belum ada kode yang mengutip**" if kunci not in kode
                   else "belum ada uji yang mengutip" if kunci not in uji else "")
        baris.append(f"| {kunci} | {isi} | {_daftar(kode.get(kunci, set()), 4)} | {_daftar(uji.get(kunci, set()), 4)} "
                     f"| {catatan} |")
    baris.append("")
    return "\n".join(baris)
