"""The production shape as shipped (issue 16). Docker cannot run here, so docker-compose.yml is checked by
reading it; scripts/smoke_produksi.sh runs the same commands outside Docker in CI."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import _perintah_compose  # noqa: E402

SIKSD = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_berisi_layanan_produksi_dan_volume(compose):
    layanan = compose["services"]
    assert {"caddy", "db", "redis", "migrate", "web", "worker", "beat"} == set(layanan)
    assert {"pgdata", "redisdata", "dokumen", "cadangan", "caddy_data"} <= set(compose["volumes"])
    env = layanan["web"]["environment"]
    assert env["DATABASE_URL"].startswith("postgres://") and env["REDIS_URL"].startswith("redis://")
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")  # from the environment only
    assert env["EMAIL_HOST"].startswith("${EMAIL_HOST:?")  # SMTP required, no silent localhost:25
    assert env["DJANGO_SETTINGS_MODULE"] == "siksd.settings.production"


def test_setiap_layanan_punya_health_check(compose):
    for nama, layanan in compose["services"].items():
        if nama == "migrate":  # a one-shot job: the others wait for it to *complete*, not to be healthy
            assert layanan["restart"] == "no"
            continue
        assert layanan.get("healthcheck", {}).get("test"), nama
    for nama in SIKSD:
        assert compose["services"][nama]["healthcheck"]["test"] == ["CMD", "python", "-m", "siksd.sehat", nama]


def test_gunicorn_tidak_dipublikasikan_hanya_caddy(compose):
    layanan = compose["services"]
    assert [nama for nama, isi in layanan.items() if "ports" in isi] == ["caddy"]
    assert layanan["web"]["expose"] == ["8000"]
    assert sorted(layanan["caddy"]["ports"]) == ["443:443", "443:443/udp", "80:80"]
    # gunicorn trusts X-Forwarded-Proto from Caddy's fixed internal address only.
    alamat_caddy = layanan["caddy"]["networks"]["default"]["ipv4_address"]
    assert layanan["web"]["environment"]["FORWARDED_ALLOW_IPS"] == alamat_caddy
    assert layanan["caddy"]["environment"]["SIKSD_UPSTREAM"] == "web:8000"
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in layanan["caddy"]["volumes"]


def test_web_worker_beat_menunggu_migrate_selesai(compose):
    layanan = compose["services"]
    for nama in SIKSD:
        tunggu = layanan[nama]["depends_on"]
        assert tunggu["migrate"]["condition"] == "service_completed_successfully", nama
        assert tunggu["db"]["condition"] == tunggu["redis"]["condition"] == "service_healthy", nama
    assert layanan["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]


def test_smoke_menjalankan_perintah_compose_yang_sama():
    """The smoke test takes every command from docker-compose.yml (scripts/_perintah_compose.py), runs each
    of them, and runs the health checks of web, worker and beat."""
    skrip = (ROOT / "scripts/smoke_produksi.sh").read_text()
    diambil = dict(re.findall(r"perintah (\w+) ((?:--sehat )?\w+)(?=;|$)", skrip, re.M))
    assert diambil == {
        "MIGRATE": "migrate", "WEB": "web", "WORKER": "worker", "BEAT": "beat", "CADDY": "caddy",
        "SEHAT_WEB": "--sehat web", "SEHAT_WORKER": "--sehat worker", "SEHAT_BEAT": "--sehat beat",
    }
    for var in diambil:
        assert f'"${{{var}[@]}}"' in skrip, var  # and each is actually run
    assert "scripts/_perintah_compose.py" in skrip
    caddy = _perintah_compose.perintah("caddy")
    assert caddy[:2] == ["caddy", "run"] and str(ROOT / "deploy/Caddyfile") in caddy


def test_unit_systemd_dan_dockerfile_memakai_perintah_yang_sama(compose):
    for nama in SIKSD:
        unit = (ROOT / f"deploy/systemd/siksd-{nama}.service").read_text()
        exec_start = re.search(r"^ExecStart=/opt/siksd/\.venv/bin/(.+)$", unit, re.M).group(1).split()
        assert exec_start == compose["services"][nama]["command"], nama
        assert "Requires=" in unit and "siksd-migrate.service" in unit
    migrate = (ROOT / "deploy/systemd/siksd-migrate.service").read_text()
    assert "ExecStart=/opt/siksd/.venv/bin/python manage.py migrate --noinput" in migrate
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = yaml.safe_load(re.search(r"^CMD (.+)$", dockerfile, re.M).group(1))
    assert cmd == compose["services"]["web"]["command"]
    assert "manage.py collectstatic" in dockerfile and "staticfiles.json" in dockerfile
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in (ROOT / "siksd/settings/base.py").read_text()
    timer = (ROOT / "deploy/systemd/siksd-cadangan.timer").read_text()
    assert "OnCalendar=" in timer and "Persistent=true" in timer


def test_dockerignore_menyaring_venv_data_git_dan_artefak():
    baris = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", "var", "test-artifacts", ".env", "**/__pycache__", ".pytest_cache"} <= baris


def _impor_produksi(**env):
    lingkungan = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "SECRET_KEY"))}
    lingkungan.update(env, DJANGO_SETTINGS_MODULE="siksd.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "print(settings.EMAIL_BACKEND, settings.SECURE_PROXY_SSL_HEADER, settings.MIDDLEWARE[0])"],
        cwd=ROOT, env=lingkungan, capture_output=True, text=True,
    )


def test_produksi_menolak_berjalan_tanpa_smtp_dan_tidak_membaca_header_proto():
    hasil = _impor_produksi(SECRET_KEY="x" * 50)
    assert hasil.returncode != 0 and "EMAIL_HOST wajib diisi" in hasil.stderr
    hasil = _impor_produksi(SECRET_KEY="x" * 50, EMAIL_HOST="smtp.bekasikota.go.id")
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "None", "siksd.sehat.SehatMiddleware"]
    hasil = _impor_produksi(SECRET_KEY="x" * 50, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    assert hasil.returncode == 0 and "PERINGATAN SIKSD" in hasil.stderr


@pytest.fixture
def seperti_produksi(settings):
    settings.MIDDLEWARE = ["siksd.sehat.SehatMiddleware", *settings.MIDDLEWARE]
    settings.ALLOWED_HOSTS = ["siksd.bekasikota.go.id"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None
    return settings


@pytest.mark.django_db
def test_sehat_menjawab_lewat_jaringan_internal_tanpa_pengalihan_atau_galat_host(client, seperti_produksi):
    r = client.get("/sehat/", HTTP_HOST="web:8000")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    assert client.get("/masuk/", HTTP_HOST="web:8000").status_code == 400  # everything else still checks the host
    r = client.get("/masuk/", HTTP_HOST="siksd.bekasikota.go.id", HTTP_X_FORWARDED_PROTO="https")
    assert r.status_code == 301 and r["Location"].startswith("https://")  # Django does not read the header


def test_sehat_beat_membaca_umur_detak(tmp_path, settings):
    from siksd import sehat

    settings.SIKSD_BEAT_DETAK = str(tmp_path / "detak")
    with pytest.raises(RuntimeError, match="belum ada"):
        sehat.cek_beat()
    (tmp_path / "detak").touch()
    assert "beat sehat" in sehat.cek_beat()
    lama = time.time() - 4 * settings.CELERY_BEAT_MAX_LOOP_INTERVAL - 5
    os.utime(tmp_path / "detak", (lama, lama))
    with pytest.raises(RuntimeError, match="berumur"):
        sehat.cek_beat()


def test_penjadwal_beat_menulis_detak_setiap_tick(tmp_path, settings):
    from siksd.beat import PenjadwalBerdetak
    from siksd.celery import app

    settings.SIKSD_BEAT_DETAK = str(tmp_path / "detak")
    penjadwal = PenjadwalBerdetak(app=app, schedule_filename=str(tmp_path / "jadwal"), lazy=True)
    penjadwal.setup_schedule()
    penjadwal.tick()
    assert (tmp_path / "detak").exists()
    penjadwal.close()


def test_caddy_dan_gunicorn_hanya_mempercayai_proksi(monkeypatch):
    caddyfile = (ROOT / "deploy/Caddyfile").read_text()
    assert "tls {$SIKSD_TLS:internal}" in caddyfile and "reverse_proxy {$SIKSD_UPSTREAM" in caddyfile
    arahan = [b.split("#")[0].strip() for b in caddyfile.splitlines()]
    assert not any(a.startswith("trusted_proxies") for a in arahan)  # Caddy overwrites a client's X-Forwarded-*
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "172.30.57.10")
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    conf = {}
    exec((ROOT / "deploy/gunicorn.conf.py").read_text(), conf)
    assert conf["forwarded_allow_ips"] == "172.30.57.10"
    assert conf["secure_scheme_headers"] == {"X-FORWARDED-PROTO": "https"}
    assert conf["bind"] == ["0.0.0.0:8000"]  # inside the container network; compose publishes no port


def test_perintah_sehat_gagal_dengan_pesan_bila_web_tidak_menjawab(monkeypatch, capsys):
    import socket

    from siksd import sehat

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("GUNICORN_BIND", f"127.0.0.1:{port}")
    assert sehat.main(["web"]) == 1
    assert "TIDAK SEHAT" in capsys.readouterr().err
    assert sehat.main(["entah"]) == 2
