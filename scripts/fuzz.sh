#!/usr/bin/env bash
# Runs Ferrite's fuzz targets (src/test/java/dev/ferrite/fuzz) in fuzzing mode, one after the other,
# each for the duration its @FuzzTest(maxDuration) names (15 minutes). Crashes land as new inputs in
# src/test/resources/dev/ferrite/fuzz/<Target>Inputs/<method>/ (then `mvn verify` replays them);
# the growing corpus stays in .cifuzz-corpus/ (not committed).
#   scripts/fuzz.sh [Target ...]     e.g. scripts/fuzz.sh EngineFuzzTest
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(LineMapFuzzTest NormalizationFuzzTest LoweringFuzzTest EngineFuzzTest)
for t in "${targets[@]}"; do
    echo "fuzz: $t"
    JAZZER_FUZZ=1 mvn -q -B -o test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false || echo "fuzz: $t found a crash (see above)"
done
