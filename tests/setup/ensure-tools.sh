#!/usr/bin/env bash
# `npm test` renders every diagram with rsvg-convert (librsvg), measures text for the Liberation
# fonts (metric-compatible with Arial; Arimo is the same design), and runs the web app in Debian's
# chromium (driven by playwright-core; never a downloaded browser; CHROMIUM_PATH names another) and
# in Debian's firefox-esr (driven by puppeteer-core; FIREFOX_PATH names another, else `firefox` on
# the PATH will do), and opens the overview report in LibreOffice (`libreoffice --headless
# --convert-to pdf`; LIBREOFFICE_PATH names another, else libreoffice or soffice on the PATH) and
# reads the PDF with poppler's pdftotext. When all are found it does nothing; on a fresh Debian machine, as root, it
# installs them (saying so on one line); otherwise it says what to install on Debian, Fedora and macOS.
set -euo pipefail
# The fonts are looked for as fonts (fontconfig, or the files where Debian and others put them),
# not as a Debian package, so a machine without dpkg that has both runs the tests as it is.
has_fonts() {
  if command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qiE 'Liberation Sans|Arimo'; then return 0; fi
  for dir in /usr/share/fonts /usr/local/share/fonts "${HOME:-/nonexistent}/.local/share/fonts" "${HOME:-/nonexistent}/.fonts" /Library/Fonts "${HOME:-/nonexistent}/Library/Fonts"; do
    if [ -d "$dir" ] && find "$dir" \( -iname 'LiberationSans-Regular.ttf' -o -iname 'Arimo-Regular.ttf' -o -iname 'Arimo*.ttf' \) -print -quit 2>/dev/null | grep -q .; then return 0; fi
  done
  return 1
}
has_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]
}
# Found as tests/e2e/firefox.ts finds it, so the two agree on which Firefox the journeys use.
has_firefox() {
  [ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || command -v firefox >/dev/null 2>&1
}
# Found as tests/helpers/office.ts finds it.
has_libreoffice() {
  [ -x "${LIBREOFFICE_PATH:-/usr/bin/libreoffice}" ] || command -v libreoffice >/dev/null 2>&1 || command -v soffice >/dev/null 2>&1
}
if command -v rsvg-convert >/dev/null 2>&1 && has_fonts && has_chromium && has_firefox && has_libreoffice && command -v pdftotext >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "npm test: installing librsvg2-bin, fonts-liberation, chromium, firefox-esr, libreoffice-writer-nogui and poppler-utils (Debian packages the diagram, browser and report tests use)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq librsvg2-bin fonts-liberation chromium firefox-esr libreoffice-writer-nogui poppler-utils >/dev/null
  exit 0
fi
cat >&2 <<'MSG'
npm test needs rsvg-convert, the Liberation (or Arimo) fonts, Chromium (at /usr/bin/chromium,
or set CHROMIUM_PATH), Firefox (at /usr/bin/firefox-esr or as firefox on the PATH, or set
FIREFOX_PATH), LibreOffice (libreoffice or soffice on the PATH, or set LIBREOFFICE_PATH) and
pdftotext (poppler):
  Debian/Ubuntu: sudo apt-get install librsvg2-bin fonts-liberation chromium firefox-esr libreoffice-writer-nogui poppler-utils
  Fedora:        sudo dnf install librsvg2-tools liberation-sans-fonts chromium firefox libreoffice-writer poppler-utils
  macOS:         brew install librsvg poppler && brew install --cask font-liberation chromium firefox libreoffice
MSG
exit 1
