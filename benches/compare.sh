#!/usr/bin/env bash
# Whole runs of `cloudpact check DIR` against what users run today, side by side in one
# hyperfine run, on a generated corpus:
#   (a) check-jsonschema --schemafile schemas/plan.schema.json FILES…  (schema only)
#   (b) taplo check --schema …                                         (schema only)
#   (c) parse-floor: a bare single-threaded parse of the same files with the toml crate
#
#   benches/compare.sh [FILES] [DEPLOYMENTS]        default: 1000 files × 50 deployments
#
# Needs: hyperfine (Debian), check-jsonschema (pip), taplo (cargo install taplo-cli --locked).
# Peers missing from the machine are skipped, and said so.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-1000}
deployments=${2:-50}
corpus=${CORPUS:-$(mktemp -d)/corpus}
runs=${RUNS:-5}

cargo build --quiet --profile dist --bin cloudpact --example gen-corpus --example parse-floor
rm -rf "$corpus"
./target/dist/examples/gen-corpus "$corpus" "$files" "$deployments"
list=$(mktemp)
find "$corpus" -name '*.plan.toml' | sort > "$list"
schema="$PWD/schemas/plan.schema.json"

commands=(
  -n cloudpact "./target/dist/cloudpact check $corpus --format json > /dev/null || true"
  -n parse-floor "xargs ./target/dist/examples/parse-floor < $list > /dev/null"
)
if command -v check-jsonschema >/dev/null; then
  commands+=(-n check-jsonschema "xargs check-jsonschema --schemafile $schema < $list > /dev/null || true")
else
  echo "skipping check-jsonschema: pip install check-jsonschema" >&2
fi
if command -v taplo >/dev/null; then
  commands+=(-n taplo "xargs taplo check --schema file://$schema < $list > /dev/null 2>&1 || true")
else
  echo "skipping taplo: cargo install taplo-cli --locked" >&2
fi

echo "corpus: $files files × $deployments deployments ($(du -sh "$corpus" | cut -f1)), $(nproc) cores"
hyperfine --warmup 1 --runs "$runs" --shell=bash "${commands[@]}"
