#!/usr/bin/env bash
# Installs what the end-to-end suite needs, on a clean Debian machine too: Debian's
# Chromium, a Java runtime (the Nu HTML Checker needs 11 or later; 17 is the default here),
# poppler-utils (pdftoppm, pdftotext), the pinned npm packages (playwright-core, axe-core, vnu-jar, pdfjs-dist) and the pinned
# Python Open Badges verifier (requirements.txt, in .venv).
# Idempotent: what is already there is kept.
set -euo pipefail
cd "$(dirname "$0")"

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: need root to apt-get install $*" >&2
    exit 2
  fi
  if [ -z "${APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

chromium="${REFOLIO_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "== installing chromium (Debian)"
  apt_install chromium fonts-dejavu-core
fi

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 11 ]; then
  echo "== installing a Java runtime (for the Nu HTML Checker)"
  apt_install openjdk-17-jre-headless
fi

# pdftoppm and pdftotext: pdf.test.js renders the printed PDFs to images and reads each
# page's text.
if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  echo "== installing poppler-utils (pdftoppm, pdftotext)"
  apt_install poppler-utils
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "== installing Node.js and npm (Debian)"
  apt_install nodejs npm
fi

# npm ci only when the lock file changed since the last install. --ignore-scripts: vnu-jar's
# postinstall would download a Java runtime; the machine's Java is used instead.
stamp=node_modules/.e2e-lock
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  echo "== npm ci (tests/e2e)"
  npm ci --ignore-scripts --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

# The Open Badges verifier (Python), in a virtual environment of its own, when the pinned
# requirements changed since the last install.
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "== installing python3-venv (Debian)"
  apt_install python3-venv
fi
pystamp=.venv/.e2e-requirements
if ! cmp -s requirements.txt "$pystamp" 2>/dev/null; then
  echo "== pip install -r requirements.txt (tests/e2e/.venv)"
  rm -rf .venv
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
  cp requirements.txt "$pystamp"
fi
