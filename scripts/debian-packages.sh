#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks use, where they are missing.
set -euo pipefail
# qpdf checks every PDF the tests render; the fonts are the only ones a PDF is set in (protokol/rendering/fonts).
wanted=(poppler-utils qpdf chromium gettext wrk tesseract-ocr tesseract-ocr-dan
  fonts-dejavu-core fonts-dejavu-extra fonts-noto-core fonts-noto-cjk)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Node and npm run the OpenID Connect provider of the login tests; a NodeSource nodejs brings npm itself.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
