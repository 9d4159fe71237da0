#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: Chromium (browser tests
# through Playwright), poppler-utils (pdftotext, to read generated PDFs) and Java (the Nu HTML
# Checker, npm vnu-jar, in tests/test_html_validity.py). Needs root; without
# it, says what to install. Under CI=true a missing package is an error.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} (Debian packages for the browser and PDF tests)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update >/dev/null 2>&1
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  }
  exit 0
fi

echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}"
if [ "${CI:-}" = "true" ]; then
  exit 1
fi
