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
    # Jazzer takes the targets' @Timeout as its per-input hang limit; JUnit would also apply it to the
    # whole fuzzing run and report a false timeout at its end (jazzer issue #930): JUnit's is turned off.
    JAZZER_FUZZ=1 mvn -q -B -o test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
        -Djunit.jupiter.execution.timeout.mode=disabled || echo "fuzz: $t found a crash (see above)"
done
