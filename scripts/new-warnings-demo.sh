#!/usr/bin/env bash
# Shows --baseline and --diff on a real change: a patch that adds a use after free to one driver file
# of a built kernel tree reports that finding only. The tree is never modified: the file is copied into
# a scratch git repository (WORK), patched and committed there, and checked with the tree's flags
# (a one-entry compile_commands.json whose directory is the tree).
# usage: scripts/new-warnings-demo.sh KERNEL_TREE [WORK]
#   KERNEL_TREE  a configured and built Linux tree with compile_commands.json (6.1: drivers/input/input-leds.c)
#   WORK         scratch directory (default: a new one under /tmp); removed first if it exists
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tree=$(realpath "${1:?usage: new-warnings-demo.sh KERNEL_TREE [WORK]}")
work=$(realpath -m "${2:-$(mktemp -d /tmp/ferrite-demo.XXXXXX)}")
file=drivers/input/input-leds.c
ferrite=("$here/bin/ferrite" check --no-cache --no-progress)
export FERRITE_JAVA_OPTS="${FERRITE_JAVA_OPTS:--Xmx2g -XX:+UseG1GC}"

rm -rf "$work"
mkdir -p "$work/$(dirname "$file")"
cp "$tree/$file" "$work/$file"
cd "$work"
git init -q .
git -c user.name=demo -c user.email=demo@localhost add "$file"
git -c user.name=demo -c user.email=demo@localhost commit -q -m "original $file"

# the tree's compile command for the file, pointed at the copy
python3 - "$tree" "$work" "$file" <<'EOF'
import json, sys
tree, work, rel = sys.argv[1:]
db = json.load(open(f"{tree}/compile_commands.json"))
e = next(x for x in db if x["file"].endswith("/" + rel) or x["file"] == rel)
cmd = e["command"].replace(" " + rel, f" {work}/{rel}").replace(e["file"], f"{work}/{rel}")
json.dump([{"directory": e["directory"], "file": f"{work}/{rel}", "command": cmd}],
          open(f"{work}/compile_commands.json", "w"), indent=1)
EOF

run() { echo "\$ ferrite check $*" | sed "s|$work/||g"; "${ferrite[@]}" "$@" 2>&1 | sed "s|$work/||g" || true; echo; }

echo "== before the patch: every finding, saved as the baseline"
run -p compile_commands.json --exit-zero -o base.sarif
run -p compile_commands.json --exit-zero

echo "== the patch (a use after free in the disconnect callback)"
cat > uaf.patch <<'EOF'
--- a/drivers/input/input-leds.c
+++ b/drivers/input/input-leds.c
@@ -183,6 +183,7 @@ static void input_leds_disconnect(struct input_handle *handle)
 	input_unregister_handle(handle);
 
 	kfree(leds);
+	pr_info("input-leds: %u leds released\n", leds->num_leds);
 }
 
 static const struct input_device_id input_leds_ids[] = {
EOF
cat uaf.patch
git apply uaf.patch
git -c user.name=demo -c user.email=demo@localhost commit -q -am "input-leds: say how many leds were released"
echo

echo "== after the patch: everything, then only what is new"
run -p compile_commands.json --exit-zero
run -p compile_commands.json --baseline base.sarif
run -p compile_commands.json --diff HEAD~1
