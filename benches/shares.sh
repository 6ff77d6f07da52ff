#!/usr/bin/env bash
# Where a sweep's work goes: each stage's share of the instructions of
# `cloudpact check DIR --format json` on a generated corpus (100 plans × 50 deployments), from
# callgrind, which counts instructions and so gives the same figures on a busy machine.
# Prints a markdown table: stage, instructions, share of the run.
#
#   benches/shares.sh [FILES] [DEPLOYMENTS]
#
# Needs valgrind (callgrind_annotate) and python3. Built with the `profiling` profile (the
# release settings with symbols), so each stage is a function callgrind can name.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-100}
deployments=${2:-50}
work=${WORK:-$(mktemp -d)}
cargo build --quiet --profile profiling --bin cloudpact --example gen-corpus
corpus="$work/corpus-$files-$deployments"
[ -d "$corpus" ] || ./target/profiling/examples/gen-corpus "$corpus" "$files" "$deployments" > /dev/null 2>&1
valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
  ./target/profiling/cloudpact check --as-of 2026-06-01 --format json "$corpus" > /dev/null 2> "$work/cg.err" || true
# Every function, however small (the default stops at 99 % of the total).
callgrind_annotate --inclusive=yes --threshold=100 "$work/cg.out" > "$work/cg.txt" 2> /dev/null

python3 - "$work/cg.txt" "$files" "$deployments" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
total = int(re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", text).group(1).replace(",", ""))
def inclusive(pattern):
    """The largest inclusive count of a function whose name matches (its outermost call)."""
    best = 0
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([\d. ]+%\)\s+(.*)", line)
        if m and re.search(pattern, m.group(2)):
            best = max(best, int(m.group(1).replace(",", "")))
    return best
stages = [
    ("size limits (bounds scan)", r"document::bounds::exceeded"),
    ("TOML parse with spans", r"toml::de::parser::parse_document \["),
    ("typed plan, schema rules on it (direct, shape)", r"plan::direct::plan_file|plan::shape::surely_valid"),
    ("JSON view and schema validator (invalid files only)", r"input::schema::Schema::check"),
    ("built-in packs, read once from their tapes", r"PackStore::builtin \["),
    ("evaluation, findings included", r"cloudpact::view::check::build_report \["),
    ("  of which: alternatives for denied paths", r"engine::alternatives::alternatives \["),
    ("writing JSON", r"render::json::Json as cloudpact::view::run::Stream>::draw"),
]
print(f"{sys.argv[2]} plans × {sys.argv[3]} deployments, {total:,} instructions in all")
print()
print("| stage | instructions | share |")
print("|---|---:|---:|")
for name, pattern in stages:
    n = inclusive(pattern)
    print(f"| {name} | {n:,} | {100 * n / total:.1f} % |")
EOF
