#!/usr/bin/env bash
# How the time of `cloudpact check DIR --format json` grows with files, deployments per file
# and rules per pack; and peak memory at 10,000 files. Prints markdown tables.
#
#   benches/scale.sh
#
# Needs hyperfine (Debian) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --profile dist --bin cloudpact --example gen-corpus
bin=./target/dist/cloudpact
gen=./target/dist/examples/gen-corpus
work=${WORK:-$(mktemp -d)}
runs=${RUNS:-5}

mean_ms() { # command... → mean milliseconds over $runs runs
  hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/h.json" "$*" > /dev/null 2>&1
  python3 -c "import json; r=json.load(open('$work/h.json'))['results'][0]; print(f\"{r['mean']*1000:.0f} ± {r['stddev']*1000:.0f}\")"
}

corpus() { # files deployments → dir
  local dir="$work/corpus-$1-$2"
  [ -d "$dir" ] || "$gen" "$dir" "$1" "$2" 2> /dev/null
  echo "$dir"
}

echo "| files × deployments | time (ms) |"
echo "|---|---|"
for spec in "250 50" "500 50" "1000 50" "2000 50" "4000 50" "1000 25" "1000 100" "1000 200" "1000 400"; do
  set -- $spec
  echo "| $1 × $2 | $(mean_ms "$bin" check "$(corpus "$1" "$2")" --format json) |"
done

# An organisation pack with N deny rules on the same provider: each is a candidate for
# every OpenAI deployment, so this is the rule index's worst case.
echo
echo "| extra rules on openai (1000 × 50) | time (ms) |"
echo "|---|---|"
dir=$(corpus 1000 50)
for n in 0 50 100 200 400; do
  pack="$work/rules-$n.toml"
  { echo '[pack]'; echo 'id = "org"'
    for i in $(seq 1 "$n"); do
      printf '\n[[rule]]\nid = "r%d"\neffect = "warn"\nmatch = { provider = "openai", data = "tag-%d" }\n' "$i" "$i"
    done; } > "$pack"
  echo "| $n | $(mean_ms "$bin" check "$dir" --policy "$pack" --format json) |"
done

echo
echo "| files | peak memory |"
echo "|---|---|"
for files in 1000 10000; do
  dir=$(corpus "$files" 50)
  kb=$( { /usr/bin/time -f "%M" "$bin" check "$dir" --format json > /dev/null || true; } 2>&1 | tail -1)
  echo "| $files × 50 | $((kb / 1024)) MB |"
done
