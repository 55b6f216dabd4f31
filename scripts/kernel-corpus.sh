#!/usr/bin/env bash
# Runs Ferrite over the preprocessed Linux 6.1 driver files in ../shared/corpus/kernel-6.1-i.
# usage: scripts/kernel-corpus.sh OUT_PREFIX [extra ferrite options]
# Writes OUT_PREFIX.txt (warnings), OUT_PREFIX.err (notes and summary) and prints the timing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:?usage: kernel-corpus.sh OUT_PREFIX [ferrite options]}")
shift
corpus=${CORPUS:-$here/../shared/corpus/kernel-6.1-i}
/usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" -o "$out.time" \
    "$here/bin/ferrite" check --no-cache --exit-zero "$@" "$corpus"/*.i > "$out.txt" 2> "$out.err" || true
tail -15 "$out.err"
cat "$out.time"
echo "findings: $(grep -c ': warning:' "$out.txt" || true)"
grep -o '\[-Wferrite-[a-z-]*\]' "$out.txt" | sort | uniq -c | sort -rn
