#!/usr/bin/env bash
# Benchmarks on PostgreSQL (issue 8, item 1): generate the city once, then measure.
# Usage: bash benchmarks/run.sh [--ulang]   (--ulang rebuilds the city in a fresh database)
set -euo pipefail
cd "$(dirname "$0")/.."
# Like scripts/demo.sh and scripts/test.sh: on a fresh clone this creates .venv and installs the project (no chromium).
# SIKSD_SETUP=0 skips it (a .venv already installed and shared with other checkouts: pip install -e would re-point it).
[ "${SIKSD_SETUP:-1}" = "0" ] || SIKSD_BROWSER=0 bash scripts/_setup.sh
command -v psql >/dev/null || { echo "!! psql tidak ada (apt-get install postgresql-client)"; exit 2; }
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/siksd_bench}
export DJANGO_SETTINGS_MODULE=benchmarks.settings
export PRIVATE_MEDIA_ROOT=${PRIVATE_MEDIA_ROOT:-/tmp/siksd-bench-dokumen}
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "!! DATABASE_URL harus PostgreSQL"; exit 2;; esac
nama_db=${DATABASE_URL##*/}
server=${DATABASE_URL%/*}/postgres
if [ "${1:-}" = "--ulang" ]; then
  psql "$server" -qc "DROP DATABASE IF EXISTS \"$nama_db\"" >/dev/null
fi
if ! psql "$server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$nama_db'" | grep -q 1; then
  echo ">> membuat basis data $nama_db"
  psql "$server" -qc "CREATE DATABASE \"$nama_db\"" >/dev/null
fi
.venv/bin/python -m benchmarks.generate
.venv/bin/python -m benchmarks.run
