#!/usr/bin/env bash
# Load test (issue 8, item 2): gunicorn on 127.0.0.1 with the bench database, 50 locust users for a
# bounded time, headless; results in benchmarks/results/locust_* and the README's load table.
# Usage: bash benchmarks/load.sh   (DURASI=60s PENGGUNA=50 to change; SKALA=0.1 for a smaller city when it is built
# here). The city is built when missing (as run.sh does); its signing folders are completed before each run.
set -euo pipefail
cd "$(dirname "$0")/.."
# Like scripts/demo.sh and scripts/test.sh: on a fresh clone this creates .venv and installs the project (no chromium).
# SIKSD_SETUP=0 skips it (a .venv already installed and shared with other checkouts: pip install -e would re-point it).
[ "${SIKSD_SETUP:-1}" = "0" ] || SIKSD_BROWSER=0 bash scripts/_setup.sh
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/siksd_bench}
export DJANGO_SETTINGS_MODULE=benchmarks.settings
export PRIVATE_MEDIA_ROOT=${PRIVATE_MEDIA_ROOT:-/tmp/siksd-bench-dokumen}
command -v psql >/dev/null || { echo "!! psql tidak ada (apt-get install postgresql-client)"; exit 2; }
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "!! DATABASE_URL harus PostgreSQL"; exit 2;; esac
nama_db=${DATABASE_URL##*/}
server=${DATABASE_URL%/*}/postgres
if ! psql "$server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$nama_db'" | grep -q 1; then
  echo ">> membuat basis data $nama_db"
  psql "$server" -qc "CREATE DATABASE \"$nama_db\"" >/dev/null
fi
# A free loopback port (never a server that someone else started on this machine).
PORT=${PORT:-$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
DURASI=${DURASI:-90s}
PENGGUNA=${PENGGUNA:-50}
WORKERS=${WORKERS:-3}
.venv/bin/python -m benchmarks.generate
# keep-alive longer than the users' think time: otherwise a client reuses a connection the server just closed.
.venv/bin/gunicorn siksd.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" --threads 4 \
  --worker-class gthread --keep-alive 10 --access-logfile /dev/null --error-logfile benchmarks/results/gunicorn.log &
GPID=$!
trap 'kill "$GPID" 2>/dev/null; wait "$GPID" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  kill -0 "$GPID" 2>/dev/null || { echo "!! gunicorn tidak berjalan (lihat benchmarks/results/gunicorn.log)"; exit 1; }
  curl -fsS "http://127.0.0.1:$PORT/sehat/" >/dev/null 2>&1 && break
  sleep 0.5
done
echo ">> locust: $PENGGUNA pengguna, $DURASI, http://127.0.0.1:$PORT"
.venv/bin/locust -f benchmarks/locustfile.py --headless -u "$PENGGUNA" -r 2 -t "$DURASI" \
  --host "http://127.0.0.1:$PORT" --csv benchmarks/results/locust --only-summary --stop-timeout 5 \
  --exit-code-on-error 0 --loglevel WARNING
.venv/bin/python -m benchmarks.laporan_beban "$PENGGUNA" "$DURASI" "$WORKERS"
