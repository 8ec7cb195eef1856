#!/usr/bin/env bash
# Shared by demo.sh and test.sh: installs what SIKSD needs on a fresh machine with Python 3.11.
# - OS packages (Pango for WeasyPrint; Debian's chromium for the browser tests) when missing and root/sudo is available;
# - a virtualenv in .venv with the project and its dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
need_apt=()
if ! ldconfig -p 2>/dev/null | grep -q libpango-1.0; then need_apt+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core); fi
if [ "${SIKSD_BROWSER:-1}" = "1" ] && [ ! -x /usr/bin/chromium ]; then need_apt+=(chromium); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" != "none" ] && command -v apt-get >/dev/null; then
    echo ">> Memasang paket OS: ${need_apt[*]}"
    $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null \
      || echo "!! Gagal memasang ${need_apt[*]}; pengujian yang membutuhkannya akan dilewati dan disebutkan."
  else
    echo "!! Paket OS belum ada: ${need_apt[*]} (pasang dengan apt-get sebagai root)."
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo ">> Membuat virtualenv .venv"
  "$PYTHON" -m venv .venv
fi
# xstatic-* are sdists whose build needs pkg_resources: pin the build's setuptools.
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
echo ">> Memasang dependensi (pip)"
mkdir -p var
if ! .venv/bin/python -m pip install -q --build-constraint scripts/build-constraints.txt -e ".[dev]" >var/pip.log 2>&1; then
  tail -30 var/pip.log; echo "!! pip install gagal (log lengkap: var/pip.log)"; exit 1
fi
.venv/bin/python -c "import django, django_fsm, guardian, weasyprint, celery" \
  || { echo "!! Dependensi tidak lengkap"; exit 1; }
