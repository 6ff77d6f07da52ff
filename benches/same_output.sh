#!/usr/bin/env bash
# Whether two builds of cloudpact write the same bytes: a speed change must change no output.
# Compares `check` in every format on a generated corpus, `paths` for each built-in provider,
# and `paths --plan`, `report` and `check` on every example plan. Prints each command whose
# output differs, then `same` or `different` (exit 1).
#
#   benches/same_output.sh OLD_BINARY NEW_BINARY [CORPUS_DIR]
#
# CORPUS_DIR defaults to a fresh `gen-corpus DIR 100 50` (built with the dist profile).
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1
new=$2
corpus=${3:-}
if [ -z "$corpus" ]; then
  cargo build --quiet --profile dist --example gen-corpus
  corpus=$(mktemp -d)/corpus
  ./target/dist/examples/gen-corpus "$corpus" 100 50 > /dev/null 2>&1
fi
differs=0
same() { # a description, then the arguments both binaries are run with
  local what=$1
  shift
  if ! cmp -s <("$old" "$@" 2>&1) <("$new" "$@" 2>&1); then
    echo "differs: $what"
    differs=1
  fi
}
for format in json human sarif junit github; do
  same "check --format $format" check --as-of 2026-06-01 --format "$format" "$corpus"
done
same "check --color always" --color always check --as-of 2026-06-01 "$corpus"
for provider in openai anthropic google meta mistral; do
  for format in human json markdown; do
    same "paths --provider $provider --format $format" paths --provider "$provider" --format "$format"
  done
done
for plan in examples/*.plan.toml; do
  same "paths --plan $plan" paths --plan "$plan"
  same "check $plan" check "$plan"
  for format in markdown html json; do
    same "report $plan --format $format" report "$plan" --format "$format"
  done
done
if [ "$differs" = 0 ]; then
  echo same
else
  echo different
  exit 1
fi
