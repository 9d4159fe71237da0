#!/usr/bin/env bash
# Development server with the background worker beside it (reminders, report packs), as
# `make run` starts them. Ctrl-C stops both.
#   scripts/serve_dev.sh .venv/bin/python 127.0.0.1:8000
set -euo pipefail
python=$1
address=$2

"$python" manage.py db_worker &
worker=$!
stop_worker() {
  kill "$worker" 2>/dev/null || true
  wait "$worker" 2>/dev/null || true
}
trap stop_worker EXIT INT TERM

"$python" manage.py runserver "$address"
