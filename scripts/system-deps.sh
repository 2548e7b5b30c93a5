#!/usr/bin/env bash
# Installs the system programs the tests use, where they are missing: LibreOffice (recalculates and renders the
# workbooks), poppler-utils (reads the rendered PDFs), Chromium (end-to-end tests) and a Japanese font.
# Runs before `npm test`; as root it installs with apt-get, otherwise it says what to install and fails.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list :lang=ja 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need: ${need[*]} (Debian package names). Install them, e.g.: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "installing ${need[*]} (apt-get) …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
