"""The commands docker-compose.yml runs, for running them outside Docker (scripts/smoke_produksi.sh).

    python scripts/_perintah_compose.py web            # the service's command, one argument a line
    python scripts/_perintah_compose.py --sehat beat   # its health check command

Paths that compose mounts from this repository (./deploy/Caddyfile:/etc/caddy/Caddyfile) are mapped back
to the repository's own files, so the smoke test runs exactly what the containers run.
"""

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _peta_volume(layanan: dict) -> dict[str, str]:
    peta = {}
    for volume in layanan.get("volumes", []):
        bagian = volume.split(":")
        if len(bagian) >= 2 and bagian[0].startswith("./"):
            peta[bagian[1]] = str(ROOT / bagian[0][2:])
    return peta


def perintah(nama: str, sehat: bool = False) -> list[str]:
    layanan = compose()["services"][nama]
    if sehat:
        uji = layanan["healthcheck"]["test"]
        if uji[0] != "CMD":
            raise SystemExit(f"{nama}: health check bukan bentuk CMD: {uji}")
        argumen = uji[1:]
    else:
        argumen = layanan["command"]
    peta = _peta_volume(layanan)
    return [peta.get(a, a) for a in argumen]


if __name__ == "__main__":
    argv = sys.argv[1:]
    sehat = "--sehat" in argv
    argv = [a for a in argv if a != "--sehat"]
    if len(argv) != 1:
        raise SystemExit("pemakaian: _perintah_compose.py [--sehat] LAYANAN")
    print("\n".join(perintah(argv[0], sehat=sehat)))
