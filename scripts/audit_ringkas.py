"""Summary of scripts/audit.sh: reads pip-audit's JSON answers (<dir>/pypi.json, <dir>/osv.json and their
stderr) and says how many installed packages were audited, by which service, and what it found.
Usage: python scripts/audit_ringkas.py <dir> [1 = fail unless every package was audited]"""

import collections
import json
import pathlib
import re
import sys

tmp, wajib = pathlib.Path(sys.argv[1]), sys.argv[2:3] == ["1"]
SUMBER = {"pypi": "PyPI JSON API (pypi.org/pypi/<nama>/<versi>/json)", "osv": "OSV (api.osv.dev)"}


def hasil(layanan):
    """(dependencies, None) or (None, why the service gave no answer)."""
    try:
        deps = json.loads((tmp / f"{layanan}.json").read_text())["dependencies"]
    except (OSError, ValueError, KeyError):
        pass
    else:
        # the project itself (installed editable, -e .) is not a dependency: not counted
        return [d for d in deps if "editable" not in d.get("skip_reason", "")], None
    try:
        err = (tmp / f"{layanan}.err").read_text(errors="replace").strip().splitlines()
    except OSError:
        err = []
    alasan = next((b for b in reversed(err) if "Error" in b or "error" in b), err[-1] if err else "tanpa keluaran")
    if "NameResolutionError" in alasan or "Name or service not known" in alasan:
        alasan = "nama host tidak dapat di-resolve (DNS)"
    elif "timed out" in alasan.lower() or "ConnectTimeout" in alasan:
        alasan = "waktu koneksi habis"
    return None, re.sub(r"\s+", " ", alasan)[:200]


dicoba, pakai = [], None
for layanan in ("pypi", "osv"):
    deps, gagal = hasil(layanan)
    if deps is None:
        dicoba.append(f"{SUMBER[layanan]}: tidak terjangkau ({gagal})")
        continue
    diaudit = [d for d in deps if "skip_reason" not in d]
    dicoba.append(f"{SUMBER[layanan]}: {len(diaudit)} dari {len(deps)} paket dapat diaudit")
    if pakai is None or len(diaudit) > len(pakai[2]):
        pakai = (layanan, deps, diaudit)
    if diaudit:
        break

print("   sumber data kerentanan yang dicoba:")
for baris in dicoba:
    print(f"   - {baris}")
if pakai is None:
    print("!! pip-audit: tidak ada layanan data kerentanan yang menjawab; TIDAK ADA paket yang diaudit.")
    print("   Ini bukan berarti aman: kerentanan yang diketahui tidak diperiksa dalam putaran ini.")
    sys.exit(1 if wajib else 0)

layanan, deps, diaudit = pakai
dilewati = [d for d in deps if "skip_reason" in d]
rentan = [d for d in diaudit if d.get("vulns")]
print(f">> pip-audit ({SUMBER[layanan]}): {len(deps)} paket terpasang (selain siksd), {len(diaudit)} diaudit, "
      f"{len(dilewati)} tidak dapat diaudit" + (f", {len(rentan)} dengan kerentanan yang diketahui." if diaudit else "."))
if dilewati:
    sebab = collections.Counter(re.sub(r":.*", "", d["skip_reason"]) for d in dilewati)
    for alasan, n in sebab.most_common():
        print(f"   {n} dilewati: {alasan}")
    if len(dilewati) <= 10:
        print("   yaitu: " + ", ".join(d["name"] for d in dilewati))
for d in rentan:
    for v in d["vulns"]:
        perbaikan = ", ".join(v.get("fix_versions") or []) or "belum ada"
        print(f"!! {d['name']} {d['version']}: {v['id']} (versi perbaikan: {perbaikan})")
if rentan:
    sys.exit(1)
if not diaudit:
    print("!! TIDAK ADA paket yang dapat diaudit: kerentanan yang diketahui tidak diperiksa dalam putaran ini "
          "(bukan berarti aman).")
    sys.exit(1 if wajib else 0)
if dilewati:
    print(f"   Tidak ada kerentanan yang diketahui pada {len(diaudit)} paket yang diaudit; "
          f"{len(dilewati)} paket lainnya tidak diperiksa.")
    sys.exit(1 if wajib else 0)
print(f"   Tidak ada kerentanan yang diketahui pada seluruh {len(diaudit)} paket.")
