#!/bin/sh
# Memory benchmark of `refolio import rncp` (not part of `cargo test`): generates a big
# export with scripts/gen-rncp-export.py (500 MB by default, the size of the real one),
# then imports its LAST fiche (RNCP36395, so the whole file is read) under GNU time and
# prints the wall time and the peak memory (maximum resident set size).
#
#   scripts/bench-import-rncp.sh [SIZE_MB]
#
# REFOLIO=path/to/refolio uses that binary instead of building the release one;
# EXPORT=path/to/export.xml reuses an export instead of generating one.
set -eu
cd "$(dirname "$0")/.."
size_mb=${1:-500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${REFOLIO:-}" ]; then
    cargo build --release --quiet
    REFOLIO=target/release/refolio
fi
if [ -z "${EXPORT:-}" ]; then
    EXPORT="$work/export.xml"
    python3 scripts/gen-rncp-export.py --out "$EXPORT" --size-mb "$size_mb"
fi

/usr/bin/time -v "$REFOLIO" import rncp "$EXPORT" --fiche RNCP36395 --out "$work/out" \
    >"$work/stdout" 2>"$work/stderr" || {
    cat "$work/stderr" >&2
    exit 1
}
test -s "$work/out/rncp36395.yaml"
echo "export: $(du -m "$EXPORT" | cut -f1) MiB; imported RNCP36395 ($(grep -c '^          - id: ' "$work/out/rncp36395.yaml") competences)"
grep -E 'Elapsed \(wall clock\) time|Maximum resident set size' "$work/stderr" | sed 's/^[[:space:]]*//'
