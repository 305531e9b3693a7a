#!/usr/bin/env bash
# The end-to-end suite over the built example site: installs what it needs (install.sh),
# builds the site and the binary, then runs every *.test.js with Node's test runner.
# Usage: tests/e2e/run.sh [test files…]   (default: all of them)
# Screenshots go to tests/e2e/artefacts/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

bash "$here/install.sh"

echo "== cargo build --release, and refolio build (the bundled site into public/)"
(cd "$repo" && cargo build --release --quiet && ./target/release/refolio build)

cd "$here"
rm -rf artefacts
mkdir -p artefacts
if [ "$#" -eq 0 ]; then set -- *.test.js; fi
echo "== node --test $*"
# Files run one after the other: Chromium and the Nu checker share a small machine.
node --test --test-concurrency=1 "$@"
