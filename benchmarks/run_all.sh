#!/usr/bin/env bash
# Run every benchmark in turn and print the machine and the figures.
#
#   benchmarks/run_all.sh                 # with the active environment's python
#   PYTHON=.venv/bin/python benchmarks/run_all.sh > figures.txt
#   SERVER=postgresql://postgres@db.example.org/postgres benchmarks/run_all.sh   # that server
#
# Takes about 12 minutes on the machine in benchmarks/README.md (5 of them the server scripts,
# 4 the training ones).
# Stops at the first script that fails (each checks that the work it timed was done). Figures
# move with the machine's load, so the load average is printed before each script.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python}"
export QT_QPA_PLATFORM=offscreen

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "cpu: $(nproc) of $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
"$python" - <<'PY'
import platform
import sqlite3

import PySide6
import spacy

print(
    f"Python {platform.python_version()}, PySide6 {PySide6.__version__}, "
    f"SQLite {sqlite3.sqlite_version}, spaCy {spacy.__version__}"
)
PY

for script in app view curation store search export_tools export_ml agreement training \
    training_frames; do
    echo
    echo "=== ${script}_benchmark.py (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    started=$(date +%s)
    # The offscreen platform warns that it cannot resize windows to their size hints.
    "$python" "benchmarks/${script}_benchmark.py" 2> >(grep -v 'propagateSizeHints' >&2)
    echo "(${script}_benchmark.py took $(($(date +%s) - started)) s)"
done

# A project on a PostgreSQL server: each script starts a throwaway cluster (Debian's postgresql
# package) unless SERVER is a superuser connection string. The import runs at a tenth of its
# full size here (the full 100,000 documents take many minutes: run it by hand).
server_args=()
if [[ -n "${SERVER:-}" ]]; then server_args=(--server "$SERVER"); fi
for run in "server_open" "server_commit" "server_commit --interval 100" \
    "server_import --documents 10000" "server_search"; do
    script="${run%% *}"
    options=()
    if [[ "$run" == *" "* ]]; then read -ra options <<<"${run#* }"; fi
    echo
    echo "=== ${script}_benchmark.py ${options[*]:-} (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    started=$(date +%s)
    "$python" "benchmarks/${script}_benchmark.py" "${server_args[@]}" "${options[@]}"
    echo "(${script}_benchmark.py took $(($(date +%s) - started)) s)"
done
