#!/usr/bin/env bash
# Install everything evalportal needs on a fresh Debian 12+/Ubuntu 22.04+ machine, then start
# the portal on http://127.0.0.1:8000 with the demo data (SQLite under var/).
#
#   bash scripts/bootstrap.sh              install, migrate, load the demo, serve
#   bash scripts/bootstrap.sh --no-serve   install only (what CI does)
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: Python with venv, make, gettext (translations); for the PDF reports Pango,
# HarfBuzz-Subset and a CJK font (WeasyPrint; fonts-noto-cjk covers the seed report); and the
# browser the end-to-end tests drive (Debian's chromium; Ubuntu calls it chromium-browser).
PACKAGES=(
  python3 python3-venv python3-pip make gettext
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
)
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  :
elif apt-cache show chromium >/dev/null 2>&1; then
  PACKAGES+=(chromium)
else
  PACKAGES+=(chromium-browser)
fi
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

python3 - <<'PY'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"evalportal needs Python 3.11 or newer; python3 is {sys.version.split()[0]}")
PY

make install

if [ "${1:-}" != "--no-serve" ]; then
  make run
fi
