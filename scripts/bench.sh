#!/usr/bin/env bash
# Benchmarks `aidisclose check` against `rg -F -f <the prefilter's literals>`, `ast-grep scan` and
# `semgrep scan` (rules detecting the same AI SDK imports, scripts/bench-rules/) on the same tree,
# and the scaling of aidisclose with tree size and threads. It also times the floor of any scan
# that parses the files its literals select (examples/floor.rs: walk, read, screen, then parse and
# query every candidate, and nothing else), to show how much of aidisclose's time is its own.
#
# Usage: scripts/bench.sh [options] [REPO]
#   REPO            a real repository to measure instead of the generated tree (no scaling runs)
#   --runs N        timed runs per tool, after one warm-up run (default 5)
#   --peer-runs N   timed runs of ast-grep and Semgrep (default 3; Semgrep is slow)
#   --scales "1 2 4"  generated tree sizes for the scaling table (default "1 2 4")
#   --no-peers      skip ast-grep and Semgrep
#   --no-scaling    skip the scaling table
#   --seed S        seed of the generated tree (default 7)
#   --no-build      use the existing target/release/aidisclose (and examples/floor)
#
# Peers are installed when missing: ast-grep-cli and semgrep from PyPI into .bench/venv; ripgrep
# from Debian (apt-get) or else PyPI; GNU time from Debian. Everything goes to .bench/ (gitignored);
# the result table is printed and written to .bench/results.md. Semgrep runs with --no-git-ignore
# (it would skip a tree in an ignored folder of a git work tree). Times are wall-clock medians on a
# warm page cache; memory is the peak resident set size (GNU time).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/.bench"
RUNS=5
PEER_RUNS=3
SCALES="1 2 4"
PEERS=1
SCALING=1
SEED=7
BUILD=1
REPO=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --peer-runs) PEER_RUNS=$2; shift 2 ;;
    --scales) SCALES=$2; shift 2 ;;
    --no-peers) PEERS=0; shift ;;
    --no-scaling) SCALING=0; shift ;;
    --seed) SEED=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) REPO=$(cd "$1" && pwd); shift ;;
  esac
done
mkdir -p "$BENCH"
VENV="$BENCH/venv"
log() { echo "bench: $*" >&2; }

# --- tools -------------------------------------------------------------------------------------
apt_install() {
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get install -y "$@" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$@" >/dev/null 2>&1; }
  else
    return 1
  fi
}
venv() {
  [ -x "$VENV/bin/pip" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "$@"
}
[ -x /usr/bin/time ] || apt_install time || { echo "GNU time (/usr/bin/time) is required" >&2; exit 2; }
RG=$(command -v rg || true)
if [ -z "$RG" ]; then
  log "installing ripgrep"
  if apt_install ripgrep; then RG=$(command -v rg); else venv ripgrep; RG="$VENV/bin/rg"; fi
fi
if [ "$PEERS" = 1 ]; then
  [ -x "$VENV/bin/ast-grep" ] || { log "installing ast-grep-cli into $VENV"; venv ast-grep-cli; }
  [ -x "$VENV/bin/semgrep" ] || { log "installing semgrep into $VENV"; venv semgrep; }
fi

if [ "$BUILD" = 1 ]; then
  log "building aidisclose (release)"
  (cd "$ROOT" && cargo build --release --quiet --bin aidisclose --example floor)
fi
AID="$ROOT/target/release/aidisclose"
FLOOR="$ROOT/target/release/examples/floor"
[ -x "$FLOOR" ] || log "no $FLOOR (cargo build --release --example floor): no floor row"
LITERALS="$BENCH/literals.txt"
"$AID" literals >"$LITERALS"

# --- measurement -------------------------------------------------------------------------------
RESULTS="$BENCH/runs.tsv"
: >"$RESULTS"

# one_run LABEL TREE CMD...: appends "label tree wall user sys maxrss_kb" of one run.
one_run() {
  local label=$1 tree=$2
  shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$BENCH/time.txt" "$@" >/dev/null 2>"$BENCH/stderr.txt" || true
  printf '%s\t%s\t%s\n' "$label" "$tree" "$(tr ' ' '\t' <"$BENCH/time.txt" | tail -1)" >>"$RESULTS"
}

# measure LABEL TREE RUNS WARMUP CMD...: RUNS runs of one tool, after a warm-up run if WARMUP is 1.
measure() {
  local label=$1 tree=$2 runs=$3 warmup=$4
  shift 4
  log "$label on $(basename "$tree"): $runs runs"
  if [ "$warmup" = 1 ]; then "$@" >/dev/null 2>&1 || true; fi
  for _ in $(seq "$runs"); do
    one_run "$label" "$tree" "$@"
  done
}

# tree_stats TREE: "files bytes lines" of the files a search tool sees (ignore files honoured).
tree_stats() {
  (cd "$1" && "$RG" --files | python3 -c '
import os, sys
files = [l.rstrip("\n") for l in sys.stdin]
size = sum(os.path.getsize(f) for f in files)
lines = 0
for f in files:
    with open(f, "rb") as fh:
        lines += fh.read().count(b"\n")
print(len(files), size, lines)')
}

STATS="$BENCH/trees.tsv"
: >"$STATS"
bench_tree() {
  local tree=$1
  printf '%s\t%s\n' "$tree" "$(tree_stats "$tree" | tr ' ' '\t')" >>"$STATS"
  # aidisclose, the floor and rg take turns, one run each a round, so that a change in the host's
  # speed during the bench (a quarter here, from hour to hour) weighs on all three alike.
  log "aidisclose, the floor and rg on $(basename "$tree"): $RUNS rounds"
  local floor=()
  if [ -x "$FLOOR" ]; then floor=("$FLOOR" "$tree"); fi
  "$AID" check --quiet "$tree" >/dev/null 2>&1 || true
  if [ -n "${floor[*]}" ]; then "${floor[@]}" >/dev/null 2>&1 || true; fi
  "$RG" --count -F -f "$LITERALS" "$tree" >/dev/null 2>&1 || true
  for _ in $(seq "$RUNS"); do
    one_run aidisclose "$tree" "$AID" check --quiet "$tree"
    if [ -n "${floor[*]}" ]; then
      one_run "floor: parse + query the candidates" "$tree" "${floor[@]}"
    fi
    one_run "rg -F -f literals" "$tree" "$RG" --count -F -f "$LITERALS" "$tree"
  done
  if [ "$PEERS" = 1 ]; then
    measure "ast-grep scan" "$tree" "$PEER_RUNS" 1 \
      "$VENV/bin/ast-grep" scan -c "$ROOT/scripts/bench-rules/sgconfig.yml" --json=compact "$tree"
    measure "semgrep scan" "$tree" "$PEER_RUNS" 0 \
      "$VENV/bin/semgrep" scan --metrics=off --disable-version-check --quiet --json --no-git-ignore \
      --config "$ROOT/scripts/bench-rules/semgrep" "$tree"
  fi
}

generated() {
  local scale=$1 tree="$BENCH/tree-x$1"
  local stamp="$tree/.gen-seed-$SEED"
  if [ ! -e "$stamp" ]; then
    python3 "$ROOT/scripts/gen-tree.py" "$tree" --scale "$scale" --seed "$SEED" >&2
    touch "$stamp"
  fi
  echo "$tree"
}

if [ -n "$REPO" ]; then
  MAIN="$REPO"
  bench_tree "$MAIN"
else
  MAIN=$(generated 1)
  bench_tree "$MAIN"
  if [ "$SCALING" = 1 ]; then
    # One and two threads take turns too.
    log "aidisclose --jobs 1 and --jobs 2 on $(basename "$MAIN"): $RUNS rounds"
    for _ in $(seq "$RUNS"); do
      for j in 1 2; do
        one_run "aidisclose --jobs $j" "$MAIN" "$AID" check --quiet --jobs "$j" "$MAIN"
      done
    done
    for s in $SCALES; do
      [ "$s" = 1 ] && continue
      tree=$(generated "$s")
      printf '%s\t%s\n' "$tree" "$(tree_stats "$tree" | tr ' ' '\t')" >>"$STATS"
      measure "aidisclose" "$tree" "$RUNS" 1 "$AID" check --quiet "$tree"
    done
  fi
fi

# --- report ------------------------------------------------------------------------------------
MACHINE="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, \
$(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo), $(uname -sr)"
VERSIONS="aidisclose $("$AID" --version | cut -d' ' -f2), $("$RG" --version | sed -n 1p)"
if [ "$PEERS" = 1 ]; then
  VERSIONS="$VERSIONS, ast-grep $("$VENV/bin/ast-grep" --version | cut -d' ' -f2), semgrep $("$VENV/bin/semgrep" --version 2>/dev/null | tail -1)"
fi
python3 - "$RESULTS" "$STATS" "$MAIN" "$MACHINE" "$VERSIONS" "$(date -u +%Y-%m-%d)" "$(cut -d' ' -f1 /proc/loadavg)" <<'EOF' | tee "$BENCH/results.md"
import statistics, sys
from collections import defaultdict
results, stats, main, machine, versions, day, load = sys.argv[1:]
runs = defaultdict(list)
for line in open(results):
    label, tree, wall, user, sys_, rss = line.rstrip("\n").split("\t")
    runs[(label, tree)].append((float(wall), float(user) + float(sys_), int(rss)))
trees = {}
for line in open(stats):
    tree, files, size, lines = line.rstrip("\n").split("\t")
    trees[tree] = (int(files), int(size), int(lines))

def row(label, tree):
    r = runs[(label, tree)]
    wall = statistics.median(x[0] for x in r)
    cpu = statistics.median(x[1] for x in r)
    rss = max(x[2] for x in r)
    return wall, cpu, rss, len(r)

def name(tree):
    return tree.rstrip("/").rsplit("/", 1)[-1]

files, size, lines = trees[main]
print(f"Tree `{name(main)}`: {files:,} files, {lines:,} lines, {size / 1e6:.0f} MB. "
      f"Machine: {machine}; load average {load} at the end. {versions}. {day}.")
print()
print("| tool | runs | median wall | CPU (user+sys) | files/s | MB/s | peak memory | wall vs aidisclose |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
base = row("aidisclose", main)[0]
for label in ["aidisclose", "floor: parse + query the candidates", "rg -F -f literals", "ast-grep scan",
              "semgrep scan"]:
    if (label, main) not in runs:
        continue
    wall, cpu, rss, n = row(label, main)
    print(f"| {label} | {n} | {wall:.2f} s | {cpu:.2f} s | {files / wall:,.0f} | {size / 1e6 / wall:,.1f} "
          f"| {rss / 1024:.0f} MB | {wall / base:.2f}× |")
rg = ("rg -F -f literals", main)
if rg in runs:
    ratios = [f"aidisclose {base / row(*rg)[0]:.2f}×"]
    if ("floor: parse + query the candidates", main) in runs:
        ratios.append(f"the floor {row('floor: parse + query the candidates', main)[0] / row(*rg)[0]:.2f}×")
    print()
    print(f"Wall time over `rg -F -f literals`: {', '.join(ratios)}.")
scaling = [(t, l) for (l, t) in runs if l == "aidisclose" and t != main]
jobs = [l for (l, t) in runs if l.startswith("aidisclose --jobs")]
if scaling:
    print()
    print("| aidisclose, generated tree | files | lines | MB | median wall | CPU | peak memory | wall per 10k files |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for tree in sorted([main] + [t for t, _ in scaling], key=lambda t: trees[t][0]):
        f, s, n = trees[tree]
        wall, cpu, rss, _ = row("aidisclose", tree)
        print(f"| {name(tree)} | {f:,} | {n:,} | {s / 1e6:.0f} | {wall:.2f} s | {cpu:.2f} s | {rss / 1024:.0f} MB "
              f"| {wall / f * 1e4:.2f} s |")
if jobs:
    print()
    print("| aidisclose threads | median wall | CPU | speed-up |")
    print("|---|---:|---:|---:|")
    one = row("aidisclose --jobs 1", main)[0]
    for label in sorted(jobs):
        wall, cpu, _, _ = row(label, main)
        print(f"| {label.split()[-1]} | {wall:.2f} s | {cpu:.2f} s | {one / wall:.2f}× |")
EOF
