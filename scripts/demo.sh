#!/usr/bin/env bash
# One command: install everything and start SIKSD with demo data on the embedded default
# (SQLite in var/, Celery eager, e-mail written to files in var/surel/, never sent). Stop with Ctrl-C.
# PORT=8001 bash scripts/demo.sh serves on another port; links in e-mails and calendar feeds follow it.
set -euo pipefail
cd "$(dirname "$0")/.."
SIKSD_BROWSER=0 bash scripts/_setup.sh
export DJANGO_SETTINGS_MODULE=siksd.settings.dev
unset DATABASE_URL REDIS_URL
export PORT=${PORT:-8000}
export SIKSD_BASE_URL=${SIKSD_BASE_URL:-http://127.0.0.1:${PORT}}
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo
.venv/bin/python manage.py process_deadlines >/dev/null
# siksd/settings/dev.py: the file-based backend ends each message with a line of 79 dashes.
surel=$(cat var/surel/*.log 2>/dev/null | grep -c -- '^-\{79\}$' || true)
cat <<MSG

  SIKSD Kota Bekasi berjalan di  http://127.0.0.1:${PORT}/
  Masuk dengan kata sandi "demo-bekasi" sebagai salah satu pengguna:
    tkksd (Sekretariat TKKSD)   ketua (Ketua TKKSD)   walikota (Wali Kota)
    pd_dishub, pd_disbudpar (Perangkat Daerah)   dprd (DPRD)   pengawas (Tim Pengawasan)
    auditor (Inspektorat)   mitra_bogor, mitra_pt (Mitra)   admin (admin Django)
  API: http://127.0.0.1:${PORT}/api/v1/docs/
  E-mail tidak dikirim: ${surel} pesan demo tersimpan sebagai berkas teks di var/surel/

MSG
exec .venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
