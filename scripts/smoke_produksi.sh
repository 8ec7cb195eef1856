#!/usr/bin/env bash
# Production smoke test: the shape docker-compose.yml runs, started here without Docker and checked over HTTPS.
#   Caddy (Debian's package, deploy/Caddyfile, "tls internal" on a loopback port) -> gunicorn, a Celery worker
#   and Celery beat, with PRODUCTION settings, against this machine's PostgreSQL and Redis, in a database of
#   its own (<DATABASE_URL's name>_smoke) that is dropped afterwards. The service commands and health checks
#   are read from docker-compose.yml (scripts/_perintah_compose.py), so CI proves what the containers run.
# Checks (scripts/_smoke_periksa.py): health, HTTP->HTTPS, hashed compressed static files, login with CSRF and
# secure cookies, one transition through the API, a forged X-Forwarded-Proto straight to gunicorn is not
# believed, and a deadline falling due during the test is acted on by the worker from beat's sweep.
# Everything started is stopped by its PID at the end, also on failure.
#
#   DATABASE_URL=postgres://… REDIS_URL=redis://… bash scripts/smoke_produksi.sh [--bila-tersedia]
# --bila-tersedia (scripts/test.sh): without PostgreSQL/Redis it says it was skipped and why, and succeeds,
# unless SIKSD_REQUIRE_SERVICES=1 (CI), where a missing piece is an error (as it is without the flag).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
echo ">> smoke produksi (Caddy + gunicorn + Celery worker + beat, pengaturan produksi)"
MULAI=$(date +%s)

BILA_TERSEDIA=0; [ "${1:-}" = "--bila-tersedia" ] && BILA_TERSEDIA=1
lewati() {
  if [ "${SIKSD_REQUIRE_SERVICES:-}" = "1" ] || [ $BILA_TERSEDIA = 0 ]; then
    echo "!! smoke produksi tidak dapat berjalan: $1"; exit 1
  fi
  echo "!! smoke produksi DILEWATI: $1"
  echo "   (jalankan dengan DATABASE_URL=postgres://… dan REDIS_URL=redis://…; CI menjalankannya)"
  exit 0
}
case "${DATABASE_URL:-}" in postgres://*|postgresql://*) ;; *) lewati "DATABASE_URL bukan PostgreSQL";; esac
[ -n "${REDIS_URL:-}" ] || lewati "REDIS_URL tidak diatur"
PY=$ROOT/.venv/bin/python
[ -x "$PY" ] || lewati ".venv belum ada (jalankan scripts/test.sh atau scripts/_setup.sh)"
if ! command -v caddy >/dev/null; then
  if [ "$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else SUDO="none"; fi
  [ "$SUDO" != "none" ] && command -v apt-get >/dev/null || lewati "caddy belum terpasang dan apt-get sebagai root tidak tersedia"
  echo "   memasang caddy dari paket Debian"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -qq caddy >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq caddy >/dev/null; } \
    || lewati "apt-get install caddy gagal"
fi
"$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1], socket_timeout=2).ping()" "$REDIS_URL" 2>/dev/null \
  || lewati "Redis di $REDIS_URL tidak menjawab"

# --- its own database, folder, ports, queue --------------------------------------------------------------
TMP=$(mktemp -d /tmp/siksd-smoke.XXXXXX)
read -r DB_ASAL DB_SMOKE SMOKE_DATABASE_URL < <("$PY" - "$DATABASE_URL" <<'PY'
import sys
from urllib.parse import urlsplit, urlunsplit
u = urlsplit(sys.argv[1])
asal = u.path.lstrip("/") or "postgres"
smoke = f"{asal}_smoke"
print(asal, smoke, urlunsplit(u._replace(path="/" + smoke)))
PY
)
db_perintah() {  # db_perintah "SQL" — on the server's maintenance database
  "$PY" - "$DATABASE_URL" "$1" <<'PY'
import sys
from urllib.parse import urlsplit, urlunsplit
import psycopg2
u = urlsplit(sys.argv[1])
c = psycopg2.connect(urlunsplit(u._replace(path="/postgres")))
c.autocommit = True
c.cursor().execute(sys.argv[2])
PY
}
bebas_port() { "$PY" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"; }
PIDS=()
ANTREAN="siksd-smoke-$$"
selesai() {
  local rc=$?
  set +e
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do kill -TERM "${PIDS[i]}" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  if [ $rc -ne 0 ]; then
    echo "!! smoke produksi GAGAL; log terakhir:"
    for f in "$TMP"/log/*.log; do [ -f "$f" ] && { echo "--- $(basename "$f")"; tail -n 25 "$f"; }; done
  fi
  db_perintah "DROP DATABASE IF EXISTS \"$DB_SMOKE\" WITH (FORCE)" || echo "!! basis data $DB_SMOKE tidak dapat dihapus"
  "$PY" -c "import redis, sys; r = redis.Redis.from_url(sys.argv[1]); r.delete(sys.argv[2], '_kombu.binding.' + sys.argv[2], '_kombu.binding_permanent.' + sys.argv[2])" \
    "$REDIS_URL" "$ANTREAN" 2>/dev/null
  rm -rf "$TMP"
  echo ">> smoke produksi $([ $rc -eq 0 ] && echo selesai || echo GAGAL) dalam $(( $(date +%s) - MULAI )) s"
  exit $rc
}
trap selesai EXIT
trap 'exit 130' INT TERM

mkdir -p "$TMP/log" "$TMP/dokumen" "$TMP/surel" "$TMP/caddy-data" "$TMP/caddy-config"
GPORT=$(bebas_port); HTTPS_PORT=$(bebas_port); HTTP_PORT=$(bebas_port); ADMIN_PORT=$(bebas_port); SMTP_PORT=$(bebas_port)
SANDI="smoke-$RANDOM-$RANDOM"

# The production environment: what compose's x-siksd environment sets, pointed at this machine.
export PATH="$ROOT/.venv/bin:$PATH"
export DJANGO_SETTINGS_MODULE=siksd.settings.production
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))'); export SECRET_KEY
export DATABASE_URL=$SMOKE_DATABASE_URL REDIS_URL SIKSD_ANTREAN_CELERY=$ANTREAN
export ALLOWED_HOSTS=localhost CSRF_TRUSTED_ORIGINS="https://localhost:$HTTPS_PORT" SIKSD_BASE_URL="https://localhost:$HTTPS_PORT"
export FORWARDED_ALLOW_IPS=127.0.0.1 GUNICORN_BIND="127.0.0.1:$GPORT" GUNICORN_WORKERS=2
export PRIVATE_MEDIA_ROOT=$TMP/dokumen
export SIKSD_BEAT_JADWAL=$TMP/celerybeat-schedule SIKSD_BEAT_DETAK=$TMP/celerybeat-detak
export SIKSD_INTERVAL_SAPU=${SIKSD_INTERVAL_SAPU:-3}
export EMAIL_HOST=127.0.0.1 EMAIL_PORT=$SMTP_PORT EMAIL_USE_TLS=false DEFAULT_FROM_EMAIL="SIKSD <siksd@localhost>"
export SIKSD_DOMAIN=localhost SIKSD_TLS=internal SIKSD_UPSTREAM="127.0.0.1:$GPORT"
export CADDY_ADMIN="127.0.0.1:$ADMIN_PORT" CADDY_HTTP_PORT=$HTTP_PORT CADDY_HTTPS_PORT=$HTTPS_PORT
export XDG_DATA_HOME=$TMP/caddy-data XDG_CONFIG_HOME=$TMP/caddy-config
unset EMAIL_BACKEND

perintah() { mapfile -t "$1" < <("$PY" scripts/_perintah_compose.py "${@:2}"); }
perintah MIGRATE migrate; perintah WEB web; perintah WORKER worker; perintah BEAT beat; perintah CADDY caddy
perintah SEHAT_WEB --sehat web; perintah SEHAT_WORKER --sehat worker; perintah SEHAT_BEAT --sehat beat
jalankan() {  # jalankan NAMA perintah…  (background, log in $TMP/log/NAMA.log, PID remembered)
  local nama=$1; shift
  "$@" >"$TMP/log/$nama.log" 2>&1 &
  PIDS+=($!)
}
tunggu() {  # tunggu DETIK PESAN perintah…  — until the command succeeds
  local batas=$(( $(date +%s) + $1 )) pesan=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$batas" ] || { echo "!! waktu habis menunggu: $pesan"; "$@" || true; return 1; }
    sleep 0.5
  done
  echo "   ok  $pesan"
}

echo "   basis data $DB_SMOKE (dihapus di akhir), folder $TMP"
db_perintah "DROP DATABASE IF EXISTS \"$DB_SMOKE\" WITH (FORCE)"
db_perintah "CREATE DATABASE \"$DB_SMOKE\""
detik() { echo "$(( $(date +%s) - MULAI )) s"; }
echo "   ${MIGRATE[*]}"
"${MIGRATE[@]}" >"$TMP/log/migrate.log" 2>&1
# collectstatic as the Dockerfile runs it. WhiteNoise compresses every file (gzip and brotli), minutes of CPU
# on a busy machine, so the result is kept in var/smoke-static/<key>, the key being every source file's
# path, size and mtime: unchanged inputs reuse it, any change collects anew.
KUNCI_STATIS=$(python - <<'PY'
import hashlib, os
import django
django.setup()
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
h = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
for finder in get_finders():
    for path, storage in sorted(finder.list([]), key=lambda p: p[0]):
        st = os.stat(storage.path(path))
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
print(h.hexdigest()[:16])
PY
)
export STATIC_ROOT=$ROOT/var/smoke-static/$KUNCI_STATIS
if [ -f "$STATIC_ROOT/staticfiles.json" ]; then
  echo "   collectstatic: hasil untuk masukan yang sama dipakai ulang ($STATIC_ROOT)"
else
  echo "   python manage.py collectstatic --noinput (seperti Dockerfile) [$(detik)]"
  rm -rf "$ROOT/var/smoke-static"; mkdir -p "$ROOT/var/smoke-static"
  STATIC_ROOT=$TMP/static python manage.py collectstatic --noinput -v0 >"$TMP/log/collectstatic.log" 2>&1
  mv -T "$TMP/static" "$STATIC_ROOT" 2>/dev/null || true
fi
test -f "$STATIC_ROOT/staticfiles.json"
# Demo data for the checks; its own e-mails are not part of the test (tasks in process, mail in memory).
echo "   python manage.py seed_demo [$(detik)]"
REDIS_URL="" EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend \
  python manage.py seed_demo --izinkan-produksi --password "$SANDI" >"$TMP/log/seed_demo.log" 2>&1
echo "   layanan dijalankan [$(detik)]"

jalankan smtp python scripts/_smtp_pengganti.py "$SMTP_PORT" "$TMP/surel"
echo "   ${WEB[*]}";    jalankan web "${WEB[@]}"
echo "   ${WORKER[*]}"; jalankan worker "${WORKER[@]}"
echo "   ${BEAT[*]}";   jalankan beat "${BEAT[@]}"
echo "   ${CADDY[*]}";  jalankan caddy "${CADDY[@]}"

tunggu 120 "web sehat (${SEHAT_WEB[*]})" "${SEHAT_WEB[@]}"
tunggu 120 "worker sehat (${SEHAT_WORKER[*]})" "${SEHAT_WORKER[@]}"
tunggu 120 "beat sehat (${SEHAT_BEAT[*]})" "${SEHAT_BEAT[@]}"
CA=$XDG_DATA_HOME/caddy/pki/authorities/local/root.crt
tunggu 60 "Caddy membuat CA lokal dan sertifikat (tls internal)" \
  curl -sf --cacert "$CA" -o /dev/null "https://localhost:$HTTPS_PORT/sehat/"

echo "   pemeriksaan lewat HTTPS [$(detik)]"
SMOKE_URL="https://localhost:$HTTPS_PORT" SMOKE_CA=$CA SMOKE_GUNICORN="127.0.0.1:$GPORT" SMOKE_SMTP_DIR=$TMP/surel \
  SMOKE_SANDI=$SANDI python scripts/_smoke_periksa.py
