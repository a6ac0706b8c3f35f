#!/usr/bin/env bash
# Installs what the tests need and runs the whole suite (lint, unit, API, browser).
# With DATABASE_URL set (e.g. postgres://postgres@127.0.0.1:5432/zonework) it runs against that
# database; otherwise on SQLite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
if command -v npm >/dev/null 2>&1 && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; }; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi

if [ "${ZONEWORK_SKIP_LINT:-0}" != 1 ]; then  # CI's repeated date runs lint once, not every time
  echo "==> ruff"
  .venv/bin/ruff check src tests bench
fi
db="${DATABASE_URL:-sqlite}"
echo "==> pytest on ${db%%:*}"
exec .venv/bin/pytest --create-db "$@"
