#!/usr/bin/env bash
# Sets up and runs the zonework demo: virtualenv, Python and npm dependencies, the embedded SQLite
# database, demo data, then the server on http://127.0.0.1:${PORT:-8000}. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
PORT="${PORT:-8000}"
PYTHON="${PYTHON:-python3}"
# The demo runs as users will see it: DEBUG off, so an error shows the product's Chinese page and never
# Django's debug page (settings, URL lists). Static files then come from collectstatic via WhiteNoise.
# ZONEWORK_DEBUG=1 ./run.sh brings the debug page back for development.
export ZONEWORK_DEBUG="${ZONEWORK_DEBUG:-0}"
# With DEBUG off the product refuses the built-in secret key: the demo makes its own once, kept in var/
# (a deployment sets ZONEWORK_SECRET_KEY itself).
if [ -z "${ZONEWORK_SECRET_KEY:-}" ]; then
  VAR="${ZONEWORK_VAR_DIR:-var}"
  mkdir -p "$VAR"
  if [ ! -s "$VAR/secret_key" ]; then
    (umask 077; "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))' > "$VAR/secret_key")
  fi
  ZONEWORK_SECRET_KEY="$(cat "$VAR/secret_key")"
  export ZONEWORK_SECRET_KEY
fi

echo "==> Python 环境 (.venv)"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .

echo "==> 前端资源 (npm: bootstrap, htmx, echarts)"
if command -v npm >/dev/null 2>&1; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules
  fi
else
  echo "!! 未找到 npm：页面将缺少样式与图表。请安装 Node.js 与 npm 后重新运行 ./run.sh" >&2
fi

echo "==> 数据库与演示数据"
.venv/bin/zonework migrate --noinput -v 0
.venv/bin/zonework collectstatic --noinput -v 0
.venv/bin/zonework demo

echo
echo "==> zonework 已启动： http://127.0.0.1:${PORT}/   （Ctrl+C 停止）"
exec .venv/bin/zonework runserver "127.0.0.1:${PORT}" --noreload
