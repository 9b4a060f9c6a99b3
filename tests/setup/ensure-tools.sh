#!/usr/bin/env bash
# `npm test` renders every diagram with rsvg-convert (librsvg) and measures text for the
# Liberation fonts (metric-compatible with Arial; Arimo is the same design). When both are found
# it does nothing; on a fresh Debian machine, as root, it installs them (saying so on one line);
# otherwise it says what to install on Debian, Fedora and macOS.
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
if command -v rsvg-convert >/dev/null 2>&1 && has_fonts; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "npm test: installing librsvg2-bin and fonts-liberation (Debian packages the diagram tests use)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq librsvg2-bin fonts-liberation >/dev/null
  exit 0
fi
cat >&2 <<'MSG'
npm test needs rsvg-convert and the Liberation (or Arimo) fonts:
  Debian/Ubuntu: sudo apt-get install librsvg2-bin fonts-liberation
  Fedora:        sudo dnf install librsvg2-tools liberation-sans-fonts
  macOS:         brew install librsvg && brew install --cask font-liberation
MSG
exit 1
