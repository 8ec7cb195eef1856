"""Summarise locust's CSV (benchmarks/results/locust_stats.csv) into results/latest_load.json and the
load table of benchmarks/README.md. Target (issue 8): zero errors, p95 under 500 ms."""

import csv
import datetime
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HASIL = ROOT / "benchmarks" / "results"


def main():
    pengguna, durasi, workers = (sys.argv[1:4] + ["?", "?", "?"])[:3]
    with open(HASIL / "locust_stats.csv") as f:
        rows = list(csv.DictReader(f))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    per = [r for r in rows if r["Name"] != "Aggregated"]

    def angka(r):
        return {"permintaan": int(r["Request Count"]), "gagal": int(r["Failure Count"]),
                "rps": round(float(r["Requests/s"]), 1), "p50_ms": float(r["50%"]), "p95_ms": float(r["95%"]),
                "p99_ms": float(r["99%"]), "maks_ms": round(float(r["Max Response Time"]))}

    data = {"tanggal": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "pengguna": pengguna,
            "durasi": durasi, "gunicorn_workers": workers, "nproc": os.cpu_count(),
            "load_average_akhir": [round(x, 2) for x in os.getloadavg()], "total": angka(total),
            "per_permintaan": {f"{r['Type']} {r['Name']}": angka(r) for r in per}}
    data["target"] = {"nol_galat": data["total"]["gagal"] == 0, "p95_di_bawah_500ms": data["total"]["p95_ms"] < 500}
    (HASIL / "latest_load.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    t = data["total"]
    baris = [f"Terakhir: **{data['tanggal']}**, {pengguna} pengguna selama {durasi}, gunicorn {workers} worker × 4 thread "
             f"pada {data['nproc']} inti (locust di mesin yang sama); load average di akhir (1/5/15 menit) "
             f"{data['load_average_akhir']}.", "",
             "| permintaan | jumlah | galat | req/s | p50 | p95 | p99 | maks |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for nama, a in [("**semua**", t), *data["per_permintaan"].items()]:
        baris.append(f"| {nama} | {a['permintaan']} | {a['gagal']} | {a['rps']} | {a['p50_ms']:.0f} ms | {a['p95_ms']:.0f} ms | "
                     f"{a['p99_ms']:.0f} ms | {a['maks_ms']} ms |")
    baris += ["", f"Target: nol galat — {'ya' if data['target']['nol_galat'] else '**tidak**'}; "
                  f"p95 < 500 ms — {'ya' if data['target']['p95_di_bawah_500ms'] else '**tidak**'}."]
    readme = ROOT / "benchmarks" / "README.md"
    teks = readme.read_text()
    awal, akhir = "<!-- beban:mulai -->", "<!-- beban:selesai -->"
    teks = teks[: teks.index(awal) + len(awal)] + "\n" + "\n".join(baris) + "\n" + teks[teks.index(akhir):]
    readme.write_text(teks)
    print("\n".join(baris))


if __name__ == "__main__":
    main()
