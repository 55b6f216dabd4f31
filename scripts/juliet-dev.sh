#!/usr/bin/env bash
# Runs Ferrite over the Juliet dev set exactly as ../shared/bench/juliet/README.md says and scores it.
# usage: scripts/juliet-dev.sh OUT_PREFIX [score options, e.g. --cwe 416]
# Writes OUT_PREFIX.sarif, OUT_PREFIX.score.txt and OUT_PREFIX.time.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:?usage: juliet-dev.sh OUT_PREFIX [score options]}")
shift
juliet=${JULIET:-$here/../shared/bench/juliet}
cd "$juliet"
files=$(awk -F'\t' 'NR>1{gsub(",","\n",$3);print $3}' dev.tsv | sed 's|^|cases/|')
start=$(date +%s.%N)
# shellcheck disable=SC2086
"$here/bin/ferrite" check --no-cache --exit-zero -q --format sarif -o "$out.sarif" $files \
    testcasesupport/io.c testcasesupport/std_thread.c -- -I testcasesupport
end=$(date +%s.%N)
echo "wall $(echo "$end - $start" | bc) s" > "$out.time.txt"
./score "$@" dev.tsv cases "$out.sarif" | tee "$out.score.txt"
cat "$out.time.txt"
