#!/usr/bin/env bash
# Builds ballast and opens a run's and a small study's HTML report in headless Chromium, checking
# console errors, network requests, figure sizes, the estimates table against estimates.csv, and a
# hostile study description. Needs Debian's `chromium` and python3 (standard library only).
# Screenshots go to out/browser-check/. See scripts/browser-check/check_reports.py.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "browser-check: needs chromium (apt-get install chromium)" >&2; exit 2; }
swift build 2>&1 | grep -E "error|warning:|Build complete" >&2 || true
exec python3 scripts/browser-check/check_reports.py --ballast "$(swift build --show-bin-path)/ballast" "$@"
