#!/bin/bash
# The reader on a library, as a user starts it: the release binary in a tmux pane, timed from
# the command to the first frame (the LIBRARY status), to every file loaded (the status no
# longer says `loading`), its resident memory then, and `q` to the process's end.
#
#   bash scripts/open-library.sh target/release/brief /tmp/lib20k [CACHE]
#
# With CACHE, the library's index is kept there ($XDG_CACHE_HOME): the first run is cold (it
# makes the index), the next ones warm. Without, every run is cold.
# Prints one line: first_frame_ms=… all_loaded_ms=… rss_mb=… quit_ms=…
# The state and cache go to a temporary folder, never the user's. Needs tmux.
set -euo pipefail
BIN=$(realpath -- "$1")
DIR=$2
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'tmux kill-session -t brief-open 2>/dev/null || true; rm -rf -- "$WORK"' EXIT
export XDG_STATE_HOME=$WORK/state XDG_CACHE_HOME=${3:-$WORK/cache}
tmux kill-session -t brief-open 2>/dev/null || true
t0=$(date +%s%N)
# The environment goes on the command itself: a tmux server already running would give the
# pane its own environment, not this shell's (and brief would use the user's state and cache).
tmux new-session -d -s brief-open -x 120 -y 40 \
  "env XDG_STATE_HOME=$(printf '%q' "$XDG_STATE_HOME") XDG_CACHE_HOME=$(printf '%q' "$XDG_CACHE_HOME") BRIEF_INDEX= BRIEF_STATE= $(printf '%q' "$BIN") -- $(printf '%q' "$DIR"); date +%s%N > $WORK/end"
first=""
while :; do
  screen=$(tmux capture-pane -p -t brief-open 2>/dev/null || true)
  now=$(date +%s%N)
  if [ -z "$first" ] && grep -q "LIBRARY" <<<"$screen"; then
    first=$(( (now - t0) / 1000000 ))
  fi
  if [ -n "$first" ] && ! grep -q "LIBRARY  loading" <<<"$screen"; then
    all=$(( (now - t0) / 1000000 ))
    break
  fi
  # Polling spawns a process: often while waiting for the first frame, rarely after.
  if [ -z "$first" ]; then sleep 0.01; else sleep 0.1; fi
done
sleep 1
pid=$(tmux list-panes -t brief-open -F '#{pane_pid}')
brief_pid=$(pgrep -P "$pid" | head -1)
rss=$(ps -o rss= -p "$brief_pid")
q0=$(date +%s%N)
tmux send-keys -t brief-open q
while [ ! -s "$WORK/end" ]; do sleep 0.005; done
q1=$(cat "$WORK/end")
echo "first_frame_ms=$first all_loaded_ms=$all rss_mb=$(( rss / 1024 )) quit_ms=$(( (q1 - q0) / 1000000 ))"
