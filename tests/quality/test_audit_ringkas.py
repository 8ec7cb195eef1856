"""scripts/audit.sh is an honest check (issue 16, item 6): scripts/audit_ringkas.py reads pip-audit's JSON
answers and never says "no known vulnerabilities" about packages it could not audit."""

import json
import subprocess
import sys
from pathlib import Path

SKRIP = Path(__file__).resolve().parents[2] / "scripts" / "audit_ringkas.py"
TIDAK_ADA = "Dependency not found on PyPI and could not be audited: {} (1.0)"
SIKSD = {"name": "siksd", "skip_reason": "distribution marked as editable"}


def ringkas(tmp_path, pypi=None, osv=None, osv_err="", wajib=False):
    for layanan, isi in (("pypi", pypi), ("osv", osv)):
        if isi is not None:
            (tmp_path / f"{layanan}.json").write_text(json.dumps({"dependencies": isi, "fixes": []}))
    (tmp_path / "osv.err").write_text(osv_err)
    r = subprocess.run([sys.executable, str(SKRIP), str(tmp_path), "1" if wajib else "0"],
                       capture_output=True, text=True, check=False)
    return r.returncode, r.stdout


def test_tidak_ada_yang_diaudit_dikatakan_terus_terang(tmp_path):
    rc, out = ringkas(tmp_path, pypi=[SIKSD] + [{"name": n, "skip_reason": TIDAK_ADA.format(n)} for n in "abc"],
                      osv_err="requests.exceptions.ConnectionError: ... NameResolutionError ...")
    assert rc == 0
    assert "3 paket terpasang (selain siksd), 0 diaudit, 3 tidak dapat diaudit." in out
    assert "TIDAK ADA paket yang dapat diaudit" in out and "OSV (api.osv.dev): tidak terjangkau (nama host" in out
    assert "Tidak ada kerentanan yang diketahui" not in out and "No known vulnerabilities" not in out
    assert ringkas(tmp_path, pypi=[{"name": "a", "skip_reason": TIDAK_ADA.format("a")}], wajib=True)[0] == 1


def test_kerentanan_yang_diketahui_menggagalkan(tmp_path):
    rc, out = ringkas(tmp_path, pypi=[
        {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}]},
        {"name": "redis", "version": "5.0", "vulns": []},
    ])
    assert rc == 1
    assert "2 diaudit, 0 tidak dapat diaudit, 1 dengan kerentanan yang diketahui" in out
    assert "!! django 5.2.0: PYSEC-2025-1 (versi perbaikan: 5.2.1)" in out


def test_sebagian_diaudit_menyebut_yang_tidak_diperiksa(tmp_path):
    rc, out = ringkas(tmp_path, pypi=[{"name": "redis", "version": "5.0", "vulns": []},
                                      {"name": "a", "skip_reason": TIDAK_ADA.format("a")}])
    assert rc == 0
    assert "Tidak ada kerentanan yang diketahui pada 1 paket yang diaudit; 1 paket lainnya tidak diperiksa." in out
    assert "yaitu: a" in out


def test_osv_dipakai_bila_pypi_tidak_mengaudit_apa_pun(tmp_path):
    rc, out = ringkas(tmp_path, pypi=[{"name": "redis", "skip_reason": TIDAK_ADA.format("redis")}],
                      osv=[{"name": "redis", "version": "5.0", "vulns": []}])
    assert rc == 0
    assert ">> pip-audit (OSV (api.osv.dev)): 1 paket terpasang (selain siksd), 1 diaudit" in out
    assert "Tidak ada kerentanan yang diketahui pada seluruh 1 paket." in out
