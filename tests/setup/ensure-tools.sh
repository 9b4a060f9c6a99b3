#!/usr/bin/env bash
# `npm test` renders every diagram with rsvg-convert (librsvg), measures text for the Liberation
# fonts (metric-compatible with Arial; Arimo is the same design), and runs the web app in Debian's
# chromium (driven by playwright-core; never a downloaded browser; CHROMIUM_PATH names another) and
# in Debian's firefox-esr (driven by puppeteer-core; FIREFOX_PATH names another, else `firefox` on
# the PATH will do). When all are found it does nothing; on a fresh Debian machine, as root, it
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
if command -v rsvg-convert >/dev/null 2>&1 && has_fonts && has_chromium && has_firefox; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "npm test: installing librsvg2-bin, fonts-liberation, chromium and firefox-esr (Debian packages the diagram and browser tests use)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq librsvg2-bin fonts-liberation chromium firefox-esr >/dev/null
  exit 0
fi
cat >&2 <<'MSG'
npm test needs rsvg-convert, the Liberation (or Arimo) fonts, Chromium (at /usr/bin/chromium,
or set CHROMIUM_PATH) and Firefox (at /usr/bin/firefox-esr or as firefox on the PATH, or set
FIREFOX_PATH):
  Debian/Ubuntu: sudo apt-get install librsvg2-bin fonts-liberation chromium firefox-esr
  Fedora:        sudo dnf install librsvg2-tools liberation-sans-fonts chromium firefox
  macOS:         brew install librsvg && brew install --cask font-liberation chromium firefox
MSG
exit 1
