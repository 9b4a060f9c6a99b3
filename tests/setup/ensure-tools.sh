#!/usr/bin/env bash
# `npm test` renders every diagram with Debian's rsvg-convert (librsvg2-bin) and measures text for
# the Liberation fonts (metric-compatible with Arial). On a fresh machine, as root, install them;
# otherwise say what is missing.
set -euo pipefail
if command -v rsvg-convert >/dev/null 2>&1 && dpkg -s fonts-liberation >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "npm test: installing librsvg2-bin and fonts-liberation (Debian packages the diagram tests use)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq librsvg2-bin fonts-liberation >/dev/null
  exit 0
fi
echo "npm test needs rsvg-convert and the Liberation fonts: sudo apt-get install librsvg2-bin fonts-liberation" >&2
exit 1
