#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for a fixed time each, from a clean clone: installs
# cargo-fuzz if needed, builds the seed corpora from the repository's fixtures, runs libFuzzer with
# AddressSanitizer, and prints one result line per target. Exits 1 if any target found a crash,
# a timeout or an out-of-memory input (saved under fuzz/artifacts/<target>/).
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s, every target)
# A crash is reproduced with: RUSTC_BOOTSTRAP=1 cargo fuzz run -O TARGET fuzz/artifacts/TARGET/FILE
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true

# cargo fuzz passes flags that only nightly accepts; the stable toolchain takes them with this.
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

# Seeds for the per-file targets are "NAME\nBYTES": a fixture file under each of its path suffixes,
# since the name (e.g. locales/kk.json, values-ru/strings.xml) decides the extractor.
seed_files() {
  local out="$1"
  shift
  mkdir -p "$out"
  git ls-files -z -- "$@" | while IFS= read -r -d '' f; do
    local name="$f"
    while :; do
      { printf '%s\n' "$name"; cat -- "$f"; } >"$out/seed-$(printf '%s' "$name" | sha1sum | cut -c1-16)"
      [[ "$name" == */* ]] || break
      name="${name#*/}"
    done
  done
}

seed_texts() {
  local out="$1"
  shift
  mkdir -p "$out"
  git ls-files -z -- "$@" | while IFS= read -r -d '' f; do
    cp -- "$f" "$out/seed-$(sha1sum -- "$f" | cut -c1-16)"
  done
}

seed() {
  local target="$1" dir="fuzz/corpus/$1"
  case "$target" in
    config) seed_texts "$dir" '*.yml' '*.yaml' ;;
    lexicon) seed_texts "$dir" '*.md' '*.txt' 'rules/lexicon/*.yaml' ;;
    # The suppression fixture (its config's waivers are the target's) and every fixture with a
    # directive.
    suppress)
      local with_directives
      mapfile -d '' -t with_directives < <(git grep -lz -F 'aidisclose:' -- 'tests/fixtures/**' 'examples/**')
      seed_files "$dir" 'tests/fixtures/ci-suppressions/**' "${with_directives[@]/#/:(literal)}"
      ;;
    *) seed_files "$dir" 'tests/fixtures/**' 'examples/**' ;;
  esac
}

cargo fuzz build -O
mkdir -p fuzz/logs
status=0
printf '%-10s %8s %12s %s\n' target seconds executions result
for target in "${targets[@]}"; do
  seed "$target"
  log="fuzz/logs/$target.log"
  # -timeout covers the first input too, which loads the embedded knowledge (every query compiled)
  # under AddressSanitizer: tens of seconds on a busy machine.
  if cargo fuzz run -O "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=120 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result="FAILED: $(grep -m1 -oE '(deadly signal|panicked at [^ ]*|ERROR: libFuzzer: [a-z-]+|ERROR: AddressSanitizer: [a-z-]+)' "$log" || echo "see $log")"
    status=1
  fi
  runs=$(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')
  printf '%-10s %8s %12s %s\n' "$target" "$seconds" "$runs" "$result"
done
exit "$status"
