#!/usr/bin/env bash
# Known-vulnerability check of the packages installed in .venv (the project's dependencies and the dev tools),
# with pip-audit. Where its data comes from:
#   1. PyPI's JSON API, one request per installed version (https://pypi.org/pypi/<name>/<version>/json, field
#      "vulnerabilities", which PyPI fills from the OSV database); pip-audit's default service;
#   2. when PyPI could audit none of them: OSV itself (https://api.osv.dev/v1/query).
# It prints how many packages were really audited, by which service, and never says "no known vulnerabilities"
# about a package it could not audit. A mirror that only serves /pypi/<name>/json (no per-version page) makes
# pip-audit skip every package as "not found on PyPI": then this script says that nothing was audited.
# Exit: 1 on a known vulnerability; 0 otherwise, also when nothing could be audited (it says so plainly),
# unless SIKSD_AUDIT_WAJIB=1, which also fails when any package could not be audited.
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for layanan in pypi osv; do
  .venv/bin/pip-audit --progress-spinner off --skip-editable --vulnerability-service "$layanan" --format json \
    --output "$tmp/$layanan.json" 2>"$tmp/$layanan.err"
  echo $? >"$tmp/$layanan.rc"
  # Stop at the first service that audited at least one package (or found something).
  .venv/bin/python - "$tmp/$layanan.json" <<'PY' && break
import json, sys
try:
    data = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    sys.exit(1)
sys.exit(0 if any("skip_reason" not in d for d in data["dependencies"]) else 1)
PY
done

.venv/bin/python scripts/audit_ringkas.py "$tmp" "${SIKSD_AUDIT_WAJIB:-0}"
