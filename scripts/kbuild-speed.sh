#!/usr/bin/env bash
# Times kbuild's per-file mode: `make C=2 CHECK=...` over some directories of a built kernel tree, with
# sparse or with this checkout's bin/ferrite, and prints the wall time of make and the count, sum and
# median of the per-file times (each CHECK call is timed by a wrapper; scripts/mod/empty.c, which
# kbuild checks once per run, is left out).
# usage: scripts/kbuild-speed.sh KERNEL_TREE OUT_DIR sparse|ferrite-cold|ferrite-warm [DIR...]
#   ferrite-cold  stops this build's server first (the first call starts a fresh JVM)
#   ferrite-warm  uses the server as it is (run a cold or warm run before)
#   DIR...        default: drivers/net/ethernet/intel/e1000/ drivers/usb/core/ drivers/input/
# Ferrite runs with CF=--no-cache (every file analysed) and FERRITE_JAVA_OPTS (default -Xmx4g -XX:+UseG1GC).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tree=$(realpath "${1:?usage: kbuild-speed.sh KERNEL_TREE OUT_DIR sparse|ferrite-cold|ferrite-warm [DIR...]}")
out=$(realpath -m "${2:?missing OUT_DIR}")
mode=${3:?missing mode}
shift 3
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then dirs=(drivers/net/ethernet/intel/e1000/ drivers/usb/core/ drivers/input/); fi
mkdir -p "$out"
export FERRITE_JAVA_OPTS="${FERRITE_JAVA_OPTS:--Xmx4g -XX:+UseG1GC}"
ferrite="$here/bin/ferrite"

# the per-call wrapper: runs $TIMED_TOOL, appends "seconds file" to $TIMELOG
wrapper="$out/timed-check"
cat > "$wrapper" <<'EOF'
#!/usr/bin/env bash
s=$(date +%s%N)
rc=0
"$TIMED_TOOL" "$@" || rc=$?
e=$(date +%s%N)
printf '%d.%03d %s\n' $(( (e - s) / 1000000000 )) $(( (e - s) / 1000000 % 1000 )) "${@: -1}" >> "$TIMELOG"
exit $rc
EOF
chmod +x "$wrapper"

export TIMELOG="$out/$mode.times"
rm -f "$TIMELOG"
cf=()
case "$mode" in
    sparse) export TIMED_TOOL=sparse ;;
    ferrite-cold) export TIMED_TOOL="$ferrite"; "$ferrite" server --stop >/dev/null 2>&1 || true; sleep 1; cf=(CF=--no-cache) ;;
    ferrite-warm) export TIMED_TOOL="$ferrite"; cf=(CF=--no-cache) ;;
    *) echo "kbuild-speed.sh: unknown mode $mode" >&2; exit 2 ;;
esac

cd "$tree"
s=$(date +%s%N)
make -s C=2 CHECK="$wrapper" "${cf[@]}" "${dirs[@]}" > "$out/$mode.out" 2>&1 || echo "make failed: see $out/$mode.out" >&2
e=$(date +%s%N)
printf '%s: make wall %d.%02d s, load %s\n' "$mode" $(( (e - s) / 1000000000 )) $(( (e - s) / 10000000 % 100 )) "$(cut -d' ' -f1-3 /proc/loadavg)"
grep -v 'scripts/mod/empty.c' "$TIMELOG" | sort -n | awk '{a[NR]=$1; t+=$1}
    END {printf "  %d files, sum %.2f s, median %.3f s, slowest %.2f s (%s)\n", NR, t,
         (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[NR], "see '"$TIMELOG"'"}'
