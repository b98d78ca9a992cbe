#!/usr/bin/env bash
# Benchmark of the VOD library (not part of the test suite), on a fresh panel (H2) of its own:
#  1. scan: FILES (2,000) small video files (one FFmpeg clip of a few KB copied, each with a Kodi
#     .nfo; a quarter are episodes of 10-episode series) in a fresh VOD root, timed from
#     POST /api/v1/vod/scan to the finished status, with the server's CPU (target: < 60 s);
#  2. get_vod_streams: the library filled up to MOVIES (20,000) movies by M3U imports of VOD
#     entries, then REQUESTS (30) get_vod_streams of a line that sees all: median, p95 and size
#     (target: median <= 200 ms).
#   bench/vod.sh                 (or ./panelx.sh bench vod)
#   FILES=2000 MOVIES=20000 REQUESTS=30 BENCH_PORT_OFFSET=1000 SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
FILES=${FILES:-2000}
MOVIES=${MOVIES:-20000}
REQUESTS=${REQUESTS:-30}
offset=${BENCH_PORT_OFFSET:-1000}
work=$root/var/bench-vod
base="http://127.0.0.1:$((8080 + offset))"
auth="admin:bench-secret"

for tool in ffmpeg ffprobe curl bc python3; do command -v $tool >/dev/null || { echo "bench needs $tool"; exit 1; }; done

cleanup() {
  [[ -n ${server_pid:-} ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT

if [[ -z ${SKIP_BUILD:-} ]]; then echo "== building"; mvn -B -q -o package -DskipTests 2>/dev/null || mvn -B -q package -DskipTests; fi
rm -rf "$work"; mkdir -p "$work/vod"

echo "== writing $FILES files of a few KB with .nfo files into $work/vod"
t0=$(date +%s.%N)
ffmpeg -v error -y -f lavfi -i testsrc=size=64x48:rate=5 -f lavfi -i sine=frequency=440 -t 1 \
  -c:v libx264 -preset ultrafast -c:a aac -b:a 16k -movflags +faststart "$work/clip.mp4"
episodes=$((FILES / 4))
for ((i = 1; i <= FILES - episodes; i++)); do
  d="$work/vod/Movies/Bench Movie $i ($((1950 + i % 70)))"
  mkdir -p "$d"
  cp "$work/clip.mp4" "$d/Bench Movie $i ($((1950 + i % 70))).mp4"
  printf '<movie><title>Bench Movie %d</title><plot>Plot %d.</plot><genre>Bench %d</genre><rating>%d.5</rating></movie>\n' \
    "$i" "$i" $((i % 20)) $((i % 10)) > "$d/Bench Movie $i ($((1950 + i % 70))).nfo"
done
for ((i = 0; i < episodes; i++)); do
  show=$((i / 10 + 1)) ep=$((i % 10 + 1))
  d="$work/vod/Shows/Bench Show $show/Season 01"
  mkdir -p "$d"
  name=$(printf 'Bench Show %d S01E%02d' "$show" "$ep")
  cp "$work/clip.mp4" "$d/$name.mp4"
  printf '<episodedetails><title>Episode %d</title><plot>Plot.</plot></episodedetails>\n' "$ep" > "$d/$name.nfo"
done
printf '   written in %.1f s (%s bytes per clip)\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$(stat -c %s "$work/clip.mp4")"

echo "== starting a fresh panel (H2, port offset $offset)"
cp -a wildfly-config/target/wildfly-h2 "$work/wildfly"
rm -rf "$work/wildfly/standalone/data" "$work/wildfly/standalone/deployments"/panelx.ear*
cp ear/target/panelx.ear "$work/wildfly/standalone/deployments/"
LAUNCH_JBOSS_IN_BACKGROUND=1 PANELX_ADMIN_PASSWORD=bench-secret PANELX_DEMO=false PANELX_VOD_ROOT="$work/vod" \
JAVA_OPTS="-Xms512m -Xmx1g -XX:+UseG1GC -Djava.net.preferIPv4Stack=true" \
  "$work/wildfly/bin/standalone.sh" -Djboss.socket.binding.port-offset="$offset" > "$work/server.out" 2>&1 &
server_pid=$!
until [[ -f $work/wildfly/standalone/deployments/panelx.ear.deployed ]]; do
  [[ -f $work/wildfly/standalone/deployments/panelx.ear.failed ]] && { echo "deploy failed"; exit 1; }
  kill -0 $server_pid 2>/dev/null || { echo "server ended: see $work/server.out"; exit 1; }
  sleep 1
done
jpid=$(pgrep -f "jboss.home.dir=$work/wildfly" | head -1)
cpu() { awk '{ print ($14 + $15) / 100 }' "/proc/$jpid/stat"; }
json() { curl -sf -u "$auth" -H 'Content-Type: application/json' "$@"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
echo "   load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== scan of $FILES files"
t0=$(date +%s.%N) c0=$(cpu)
json -X POST "$base/api/v1/vod/scan" > /dev/null
while :; do
  status=$(json "$base/api/v1/vod/scan")
  [[ $(field 'd["running"]' <<< "$status") == False ]] && break
  sleep 0.5
done
secs=$(echo "$(date +%s.%N) - $t0" | bc)
used=$(echo "$(cpu) - $c0" | bc)
echo "   $status"
printf '   scan: %.1f s for %s files (target < 60 s; %s s from the status'"'"' startedAt to finishedAt), server CPU %.1f s\n' \
  "$secs" "$(field 'd["filesFound"]' <<< "$status")" \
  "$(field 'round((__import__("datetime").datetime.fromisoformat(d["finishedAt"].rstrip("Z")[:26]) - __import__("datetime").datetime.fromisoformat(d["startedAt"].rstrip("Z")[:26])).total_seconds(), 1)' <<< "$status")" \
  "$used"
[[ $(field 'd.get("error") or ""' <<< "$status") == "" ]] || { echo "the scan failed"; exit 1; }

have=$(json "$base/api/v1/vod/movies?limit=100000" | field 'len(d)')
echo "== filling the library from $have to $MOVIES movies (M3U imports of VOD entries)"
t0=$(date +%s.%N)
next=1
while (( have < MOVIES )); do
  batch=$(( MOVIES - have < 5000 ? MOVIES - have : 5000 ))
  python3 - "$next" "$batch" > "$work/import.json" <<'PY'
import json, sys
first, n = int(sys.argv[1]), int(sys.argv[2])
lines = ["#EXTM3U"]
for i in range(first, first + n):
    lines.append(f'#EXTINF:-1 tvg-logo="http://img.invalid/{i}.jpg" group-title="Imported {i % 50}",Imported Movie {i} ({1950 + i % 70})')
    lines.append(f"http://127.0.0.1:9/movie/{i}.mp4")
print(json.dumps({"playlist": "\n".join(lines) + "\n"}))
PY
  json "$base/api/v1/channels/import" --data-binary "@$work/import.json" > "$work/import-answer.json"
  next=$((next + batch))
  have=$(json "$base/api/v1/vod/movies?limit=100000" | field 'len(d)')
done
printf '   %s movies, filled in %.1f s\n' "$have" "$(echo "$(date +%s.%N) - $t0" | bc)"

json "$base/api/v1/lines" -d '{"username":"bench","password":"bench","maxConnections":10}' > /dev/null
url="$base/player_api.php?username=bench&password=bench&action=get_vod_streams"
echo "== $REQUESTS x get_vod_streams ($have movies)"
curl -sf -o /dev/null "$url" # the first builds the catalog snapshot: not counted
c0=$(cpu)
for ((i = 0; i < REQUESTS; i++)); do
  curl -sf -o /dev/null -w '%{time_total} %{size_download}\n' "$url"
done > "$work/vod-streams.txt"
used=$(echo "$(cpu) - $c0" | bc)
sort -n "$work/vod-streams.txt" | awk -v n="$REQUESTS" -v cpu="$used" '
  { t[NR] = $1 * 1000; size = $2 }
  END {
    printf "   get_vod_streams: median %.0f ms, p95 %.0f ms, max %.0f ms (target median <= 200 ms)\n",
      t[int((n + 1) / 2)], t[int(n * 0.95 + 0.999)], t[n]
    printf "   size %.1f MB (%d bytes), server CPU %.1f s for %d requests\n", size / 1e6, size, cpu, n
  }'
