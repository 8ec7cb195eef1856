#!/usr/bin/env bash
# One command: install everything and start SIKSD with demo data on the embedded default
# (SQLite in var/, Celery eager, e-mail to the console). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
SIKSD_BROWSER=0 bash scripts/_setup.sh
export DJANGO_SETTINGS_MODULE=siksd.settings.dev
unset DATABASE_URL REDIS_URL
PORT=${PORT:-8000}
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo
.venv/bin/python manage.py process_deadlines >/dev/null
cat <<MSG

  SIKSD Kota Bekasi berjalan di  http://127.0.0.1:${PORT}/
  Masuk dengan kata sandi "demo-bekasi" sebagai salah satu pengguna:
    tkksd (Sekretariat TKKSD)   ketua (Ketua TKKSD)   walikota (Wali Kota)
    pd_dishub, pd_disbudpar (Perangkat Daerah)   dprd (DPRD)   pengawas (Tim Pengawasan)
    auditor (Inspektorat)   mitra_bogor, mitra_pt (Mitra)   admin (admin Django)
  API: http://127.0.0.1:${PORT}/api/v1/docs/

MSG
exec .venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
