#!/usr/bin/env bash
# Every row of the speed and memory targets (BENCHMARKS.md § Targets), measured in one run on
# one generated corpus, printed as a markdown table: each measure, its figure, the target.
#
#   benches/targets.sh            RUNS=10 for steadier means (default 5)
#
# The rows:
#   check --format json|human|sarif, 1000 × 50 plans  / the bare parse floor (parse-floor)
#   check-jsonschema (schema only) / cloudpact (schema and policy)   (pip install check-jsonschema)
#   1000 × 100 / 1000 × 50 deployments per file
#   a one-file check (the pre-commit case) / a trivial process start (parse-floor, no file)
#   paths --plan / check, on the same plan
#   peak RSS over 10,000 plans of 50 deployments and 20 of 2,000
#
# Needs hyperfine (Debian), GNU time (/usr/bin/time) and python3; check-jsonschema if present.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
work=${WORK:-$(mktemp -d)}
cargo build --quiet --profile dist --bin cloudpact --example gen-corpus --example parse-floor
bin=$PWD/target/dist/cloudpact
gen=$PWD/target/dist/examples/gen-corpus
floor=$PWD/target/dist/examples/parse-floor
schema=$PWD/schemas/plan.schema.json
plan=examples/northwind-multicloud.plan.toml
one=examples/harbor-bank.plan.toml

corpus() { # files deployments → dir
  local dir="$work/corpus-$1-$2"
  [ -d "$dir" ] || "$gen" "$dir" "$1" "$2" > /dev/null 2>&1
  echo "$dir"
}

# hyperfine's mean of each command, in seconds, one per line: through bash (for pipes and
# redirections), or with `-N` as the first argument run directly (no shell to subtract, which
# matters for runs of a few milliseconds; output discarded, exit codes ignored).
means() {
  local how=(--shell=bash)
  if [[ $1 == -N ]]; then
    how=(-N -i)
    shift
  fi
  hyperfine --warmup 3 --runs "$runs" "${how[@]}" --export-json "$work/h.json" "$@" > /dev/null 2>&1
  python3 -c "import json; [print(r['mean']) for r in json.load(open('$work/h.json'))['results']]"
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
ms() { python3 -c "print(f'{$1 * 1000:.1f} ms')"; }

c50=$(corpus 1000 50)
c100=$(corpus 1000 100)
list="$work/list"
find "$c50" -name '*.plan.toml' | sort > "$list"

mapfile -t t < <(means \
  "xargs $floor < $list > /dev/null" \
  "$bin check $c50 --format json > /dev/null || true" \
  "$bin check $c50 --format human > /dev/null || true" \
  "$bin check $c50 --format sarif > /dev/null || true" \
  "$bin check $c100 --format json > /dev/null || true")
floor_s=${t[0]} json=${t[1]} human=${t[2]} sarif=${t[3]} json100=${t[4]}

# A few milliseconds each: many runs.
mapfile -t s < <(runs=$((runs * 40)) means -N \
  "$floor" \
  "$bin check $one" \
  "$bin check $plan" \
  "$bin paths --plan $plan")
start=${s[0]} onefile=${s[1]} check1=${s[2]} paths1=${s[3]}

if command -v check-jsonschema > /dev/null; then
  mapfile -t j < <(RUNS=3 means "xargs check-jsonschema --schemafile $schema < $list > /dev/null || true")
  cjs="$(ratio "${j[0]}" "$json")× ($(ms "${j[0]}"))"
else
  cjs="not measured: pip install check-jsonschema"
fi

big=$(corpus 10000 50)
large="$big/large"
[ -d "$large" ] || "$gen" "$large" 20 2000 > /dev/null 2>&1
kb=$( { /usr/bin/time -f "%M" "$bin" check "$big" --format json > /dev/null || true; } 2>&1 | tail -1)

echo "$(nproc) cores, $(date -u +%F), runs: $runs"
echo
echo "| measure | figure | target |"
echo "|---|---|---|"
echo "| \`check --format json\`, 1000×50 / bare parse floor | $(ratio "$json" "$floor_s")× ($(ms "$json") / $(ms "$floor_s")) | ≤ 1.5× |"
echo "| \`--format human\` / floor | $(ratio "$human" "$floor_s")× ($(ms "$human")) | ≤ 2× |"
echo "| \`--format sarif\` / floor | $(ratio "$sarif" "$floor_s")× ($(ms "$sarif")) | ≤ 2× |"
echo "| check-jsonschema (schema only) / cloudpact (schema + policy) | $cjs | ≥ 100× |"
echo "| 100 vs 50 deployments per file | $(ratio "$json100" "$json") ($(ms "$json100")) | ≤ 2.05 |"
echo "| one-file run / trivial process start | $(ratio "$onefile" "$start")× ($(ms "$onefile") / $(ms "$start")) | ≤ 2.5× |"
echo "| \`paths --plan\` / \`check\` on the same plan | $(ratio "$paths1" "$check1")× ($(ms "$paths1") / $(ms "$check1")) | ≤ 1.3× |"
echo "| peak RSS, 10,000 files of 50 and 20 of 2,000 deployments | $((kb / 1024)) MB | ≤ 100 MB |"
