"""docker-compose.yml keeps the production shape (Docker cannot run here; the file is checked by reading it)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_compose_berisi_layanan_produksi_dengan_healthcheck_dan_volume():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    layanan = compose["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(layanan)
    for nama in ("db", "redis", "web", "worker"):
        assert "healthcheck" in layanan[nama], nama
    assert "gunicorn" in " ".join(layanan["web"]["command"])
    assert layanan["worker"]["command"][:3] == ["celery", "-A", "siksd"] and "worker" in layanan["worker"]["command"]
    assert "beat" in layanan["beat"]["command"]
    assert {"pgdata", "redisdata", "dokumen"} <= set(compose["volumes"])
    env = layanan["web"]["environment"]
    assert env["DATABASE_URL"].startswith("postgres://") and env["REDIS_URL"].startswith("redis://")
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")  # from the environment only


def test_dockerfile_memakai_gunicorn_dan_whitenoise():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile and "gunicorn" in dockerfile
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in (ROOT / "siksd/settings/base.py").read_text()
