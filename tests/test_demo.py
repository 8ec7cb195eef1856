"""The demo's settings (siksd/settings/dev.py, used by scripts/demo.sh): e-mail goes to files, not to the console,
and links follow the port the demo serves (issue 16, item 7)."""

import os
import subprocess
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]


def _dev(**env):
    kode = "import siksd.settings.dev as s; print(s.SIKSD_BASE_URL); print(s.EMAIL_BACKEND); print(s.EMAIL_FILE_PATH)"
    bersih = {k: v for k, v in os.environ.items() if k not in {"SIKSD_BASE_URL", "EMAIL_BACKEND", "EMAIL_FILE_PATH", "PORT"}}
    r = subprocess.run([sys.executable, "-c", kode], cwd=AKAR, env={**bersih, **env}, capture_output=True, text=True,
                       check=True)
    return r.stdout.split()


def test_demo_menulis_surel_ke_berkas_dan_tautan_memakai_port():
    base_url, backend, folder = _dev(PORT="8123")
    assert base_url == "http://127.0.0.1:8123"
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert folder == str(AKAR / "var" / "surel")


def test_lingkungan_tetap_menang():
    base_url, backend, _ = _dev(PORT="8123", SIKSD_BASE_URL="https://siksd.contoh", EMAIL_BACKEND="x.Backend")
    assert (base_url, backend) == ("https://siksd.contoh", "x.Backend")
