#!/usr/bin/env bash
# Target 1 of BENCHMARKS.md, by hand: `brief check` on the big briefing against a bare
# serde_yaml parse of the same file into the same structs, run alternately, side by side.
#
#   scripts/measure-load.sh [ROUNDS=15] [FILE=target/bench/big.yaml]
#
# Prints, per program, the median wall time, median CPU time (user + sys) and median peak RSS
# over ROUNDS runs, and the ratios. On a shared machine trust the CPU column: wall time there
# mostly measures the other users.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-15}
file=${2:-target/bench/big.yaml}
dir=${CARGO_TARGET_DIR:-target}/release

cargo build --release --quiet --bin brief --example bare_parse --example generate
if [ ! -f "$file" ]; then
    mkdir -p "$(dirname "$file")"
    "$dir/examples/generate" big "$file"
fi
ls -l "$file"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$rounds"); do
    /usr/bin/time -f "%e %U %S %M" -a -o "$out/bare" "$dir/examples/bare_parse" "$file" >/dev/null
    /usr/bin/time -f "%e %U %S %M" -a -o "$out/check" "$dir/brief" check "$file" >/dev/null
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
stats() {
    local f=$1
    wall=$(awk '{print $1}' "$f" | median)
    cpu=$(awk '{print $2+$3}' "$f" | median)
    rss=$(awk '{print $4}' "$f" | median)
    echo "$wall $cpu $rss"
}
read -r bw bc br <<<"$(stats "$out/bare")"
read -r cw cc cr <<<"$(stats "$out/check")"
printf '%-22s %10s %10s %14s\n' "" "wall s" "CPU s" "peak RSS KiB"
printf '%-22s %10s %10s %14s\n' "bare serde_yaml" "$bw" "$bc" "$br"
printf '%-22s %10s %10s %14s\n' "brief check" "$cw" "$cc" "$cr"
awk -v bw="$bw" -v bc="$bc" -v br="$br" -v cw="$cw" -v cc="$cc" -v cr="$cr" 'BEGIN {
    printf "%-22s %10.3f %10.3f %14.3f\n", "ratio (target <= 1.25)", cw/bw, cc/bc, cr/br }'
