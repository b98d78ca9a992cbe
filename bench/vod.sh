#!/usr/bin/env bash
# Benchmark of the VOD library (not part of the test suite), on a fresh panel (H2) of its own:
#  1. scan: FILES (2,000) small video files (one FFmpeg clip of a few KB copied, each with a Kodi
#     .nfo; a quarter are episodes of 10-episode series) in a fresh VOD root, timed from
#     POST /api/v1/vod/scan to the library being in the database (the status' libraryReadyAt:
#     target < 60 s) and on to the probe phase's end (probesFinishedAt: ffprobe for the files
#     whose .nfo gives no duration and video codec), with the server's CPU of each phase.
#     NFO_STREAMDETAILS=1 writes .nfo files that carry Kodi's <fileinfo><streamdetails> (what Kodi
#     and tinyMediaManager write): then nothing is left to probe;
#  2. get_vod_streams: the library filled up to MOVIES (20,000) movies by M3U imports of VOD
#     entries, then REQUESTS (30) get_vod_streams of a line that sees all: median, p95 and size
#     (target: median <= 200 ms);
#  3. movie viewers: VOD_VIEWERS (500) players of one VOD_RATE (8 Mbit/s) MPEG-TS file, each its own
#     player reading like one (ViewerLoad -Dpace=4: at most the file's rate plus a 4 s buffer), for
#     VOD_SECONDS, from PanelX (sendfile), then from PanelX with panelx.vod.sendfile=false (the file
#     read into a buffer; VOD_COPY=0 skips it), then from nginx (sendfile on) serving the same file:
#     behind real time, CPU-s, cores, s/GB, TTFB of each (target: none behind).
#   bench/vod.sh                 (or ./panelx.sh bench vod)
#   FILES=2000 MOVIES=20000 REQUESTS=30 VOD_VIEWERS=500 VOD_RATE=8000000 VOD_SECONDS=30 VOD_COPY=1
#   VOD_PARTS=scan,streams,viewers (a comma list: VOD_PARTS=scan runs the scan alone)
#   NFO_STREAMDETAILS=0 BENCH_PORT_OFFSET=1000 BUILD=0 (or SKIP_BUILD=1: no mvn package)
#   SERVER_JAVA_OPTS (added to the server's JVM options, e.g. a JFR recording)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
FILES=${FILES:-2000}
MOVIES=${MOVIES:-20000}
REQUESTS=${REQUESTS:-30}
VOD_VIEWERS=${VOD_VIEWERS:-500}
VOD_RATE=${VOD_RATE:-8000000}
VOD_SECONDS=${VOD_SECONDS:-30}
VOD_PARTS=${VOD_PARTS:-scan,streams,viewers}
NFO_STREAMDETAILS=${NFO_STREAMDETAILS:-0}
part() { [[ ,$VOD_PARTS, == *,$1,* ]]; }
part viewers || VOD_VIEWERS=0
offset=${BENCH_PORT_OFFSET:-1000}
work=$root/var/bench-vod
base="http://127.0.0.1:$((8080 + offset))"
auth="admin:bench-secret"

for tool in ffmpeg ffprobe curl bc python3 javac; do command -v $tool >/dev/null || { echo "bench needs $tool"; exit 1; }; done
if (( VOD_VIEWERS > 0 )); then
  command -v nginx >/dev/null || { echo "bench vod needs nginx (VOD_VIEWERS=0 skips the viewers): apt-get install -y nginx-light"; exit 1; }
  # One socket per viewer on each side; the server and nginx inherit the limit.
  ulimit -n $((VOD_VIEWERS * 2 + 2000)) || { echo "bench vod needs ulimit -n $((VOD_VIEWERS * 2 + 2000))"; exit 1; }
fi

cleanup() {
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [[ -n ${server_pid:-} ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT

if [[ -z ${SKIP_BUILD:-} && ${BUILD:-1} != 0 ]]; then echo "== building"; mvn -B -q -o package -DskipTests 2>/dev/null || mvn -B -q package -DskipTests; fi
rm -rf "$work"; mkdir -p "$work/vod"

if part scan; then
echo "== writing $FILES files of a few KB with .nfo files into $work/vod (streamdetails: $NFO_STREAMDETAILS)"
t0=$(date +%s.%N)
ffmpeg -v error -y -f lavfi -i testsrc=size=64x48:rate=5 -f lavfi -i sine=frequency=440 -t 1 \
  -c:v libx264 -preset ultrafast -c:a aac -b:a 16k -movflags +faststart "$work/clip.mp4"
# Kodi's <fileinfo> as Kodi and tinyMediaManager write it: what the clip really is.
details=""
if [[ $NFO_STREAMDETAILS != 0 ]]; then
  details='<fileinfo><streamdetails><video><codec>h264</codec><width>64</width><height>48</height><durationinseconds>1</durationinseconds></video><audio><codec>aac</codec><channels>1</channels></audio></streamdetails></fileinfo>'
fi
episodes=$((FILES / 4))
for ((i = 1; i <= FILES - episodes; i++)); do
  d="$work/vod/Movies/Bench Movie $i ($((1950 + i % 70)))"
  mkdir -p "$d"
  cp "$work/clip.mp4" "$d/Bench Movie $i ($((1950 + i % 70))).mp4"
  printf '<movie><title>Bench Movie %d</title><plot>Plot %d.</plot><genre>Bench %d</genre><rating>%d.5</rating>%s</movie>\n' \
    "$i" "$i" $((i % 20)) $((i % 10)) "$details" > "$d/Bench Movie $i ($((1950 + i % 70))).nfo"
done
for ((i = 0; i < episodes; i++)); do
  show=$((i / 10 + 1)) ep=$((i % 10 + 1))
  d="$work/vod/Shows/Bench Show $show/Season 01"
  mkdir -p "$d"
  name=$(printf 'Bench Show %d S01E%02d' "$show" "$ep")
  cp "$work/clip.mp4" "$d/$name.mp4"
  printf '<episodedetails><title>Episode %d</title><plot>Plot.</plot>%s</episodedetails>\n' "$ep" "$details" > "$d/$name.nfo"
done
printf '   written in %.1f s (%s bytes per clip)\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$(stat -c %s "$work/clip.mp4")"
fi

echo "== starting a fresh panel (H2, port offset $offset)"
cp -a wildfly-config/target/wildfly-h2 "$work/wildfly"
rm -rf "$work/wildfly/standalone/data" "$work/wildfly/standalone/deployments"/panelx.ear*
cp ear/target/panelx.ear "$work/wildfly/standalone/deployments/"
LAUNCH_JBOSS_IN_BACKGROUND=1 PANELX_ADMIN_PASSWORD=bench-secret PANELX_DEMO=false PANELX_VOD_ROOT="$work/vod" \
JAVA_OPTS="-Xms512m -Xmx1g -XX:+UseG1GC -Djava.net.preferIPv4Stack=true ${SERVER_JAVA_OPTS:-}" \
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

if part scan; then
echo "== scan of $FILES files (nfo streamdetails: $NFO_STREAMDETAILS)"
since() { echo "$(date +%s.%N) - $1" | bc; }
kids() { awk '{ print ($16 + $17) / 100 }' "/proc/$jpid/stat"; } # reaped children: the ffprobes
# The server's own CPU without work (timers, GC), so that the phases' CPU can be read against it.
c0=$(cpu); sleep 10; idle=$(echo "($(cpu) - $c0) / 10" | bc -l)
t0=$(date +%s.%N) c0=$(cpu) k0=$(kids)
json -X POST "$base/api/v1/vod/scan" > /dev/null
# Phase 1: the library is in the database (running false); phase 2: the probes are done (probing
# false; a server without a probe phase has no such field: both end together). Polled with grep
# (a python per poll costs more than the poll's resolution on a busy machine) every 0.5 s: each
# poll's Basic auth costs the server a password hash, counted in its CPU.
until json "$base/api/v1/vod/scan" | grep -q '"running":false'; do sleep 0.5; done
ready=$(since "$t0") c1=$(cpu)
until json "$base/api/v1/vod/scan" | grep -vq '"probing":true'; do sleep 0.5; done
probed=$(since "$t0") c2=$(cpu) k2=$(kids)
status=$(json "$base/api/v1/vod/scan")
echo "   $status"
[[ $(field 'd.get("error") or ""' <<< "$status") == "" ]] || { echo "the scan failed"; exit 1; }
stamp() { field "round((__import__('datetime').datetime.fromisoformat((d.get('$1') or d.get('finishedAt')).rstrip('Z')[:26]) - __import__('datetime').datetime.fromisoformat(d['startedAt'].rstrip('Z')[:26])).total_seconds(), 1)" <<< "$status"; }
printf '   server idle before the scan: %.3f cores\n' "$idle"
printf '   library ready: %.1f s for %s files (target < 60 s; %s s from the status'"'"' startedAt to libraryReadyAt), server CPU %.1f s\n' \
  "$ready" "$(field 'd["filesFound"]' <<< "$status")" "$(stamp libraryReadyAt)" "$(echo "$c1 - $c0" | bc)"
printf '   probes finished: %.1f s after the start (%s files probed of %s to probe; %s s from startedAt to probesFinishedAt), server CPU %.1f s in the probe phase, ffprobe CPU %.1f s\n' \
  "$probed" "$(field 'd.get("filesProbed")' <<< "$status")" "$(field 'd.get("toProbe", "-")' <<< "$status")" "$(stamp probesFinishedAt)" "$(echo "$c2 - $c1" | bc)" "$(echo "$k2 - $k0" | bc)"
echo "   load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi
if part streams; then
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
fi

(( VOD_VIEWERS > 0 )) || exit 0

echo "== $VOD_VIEWERS movie viewers of one $(echo "$VOD_RATE / 1000000" | bc -l | sed 's/\.*0*$//') Mbit/s file"
movie=$work/vod/Bench/movie-rate.ts
mkdir -p "$(dirname "$movie")" "$work/classes"
javac -d "$work/classes" bench/ViewerLoad.java
# CBR video, the TS padded to the mux rate: the file lasts its duration at exactly VOD_RATE.
clip_secs=$((VOD_SECONDS + 40)) v=$((VOD_RATE * 80 / 100 - 128000))
ffmpeg -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=25" -f lavfi -i sine=frequency=1000 -t "$clip_secs" \
  -c:v libx264 -preset ultrafast -b:v $v -minrate $v -maxrate $v -bufsize $((v / 2)) \
  -x264-params nal-hrd=cbr -g 50 -c:a aac -b:a 128k -f mpegts -muxrate "$VOD_RATE" "$movie"
printf '   %s s, %.1f MB\n' "$clip_secs" "$(echo "$(stat -c %s "$movie") / 1000000" | bc -l)"
movie_id=$(json "$base/api/v1/vod/movies" -d "{\"title\":\"Bench at rate\",\"source\":\"$movie\"}" | field 'd["id"]')
json "$base/api/v1/lines" -d '{"username":"viewers","password":"viewers","maxConnections":100000}' > /dev/null

nginx_port=$((17000 + offset))
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
worker_rlimit_nofile $((VOD_VIEWERS * 2 + 2000));
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections $((VOD_VIEWERS + 1000)); }
http {
  access_log off;
  sendfile on;
  server {
    listen 127.0.0.1:$nginx_port backlog=4096;
    location = /movie.ts { alias $movie; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
until [[ -s $work/nginx.pid ]]; do sleep 0.2; done
nginx_pids="$(cat "$work/nginx.pid"),$(pgrep -P "$(cat "$work/nginx.pid")" | paste -sd,)"

hz=$(getconf CLK_TCK)
http=$((8080 + offset))
loadavg() { cut -d' ' -f1-3 /proc/loadavg | tr ' ' /; }
val() { grep -o "\b$2=[^ ]*" "$1" | head -1 | cut -d= -f2; } # file key
cli() { "$work/wildfly/bin/jboss-cli.sh" -c --controller=127.0.0.1:$((9990 + offset)) "$1" > /dev/null; }
load() { # label port path pids: one storm of paced players and its window, figures in viewers-LABEL.txt
  local before
  before=$(loadavg)
  java -Xmx1g -cp "$work/classes" -Drate="$VOD_RATE" -Dpace=4 -Dplayers=distinct -Dhz="$hz" -Dpids="$4" \
    ViewerLoad 127.0.0.1 "$2" "$3" "$VOD_VIEWERS" "$VOD_SECONDS" > "$work/viewers-$1.txt"
  echo "load_before=$before load_after=$(loadavg)" >> "$work/viewers-$1.txt"
}
row() { # title label
  local f=$work/viewers-$2.txt cpu w
  cpu=$(val "$f" server_cpu_s); w=$(val "$f" window_s)
  printf '   %-22s %7.1f %5.2f %6.2f %8.0f %7.3f %7.3f %6s %7s %6s %6s %6.1f  %s -> %s\n' "$1" \
    "$cpu" "$(echo "$cpu / $w" | bc -l)" "$(echo "$cpu / ($(val "$f" throughput_mbps) * $w / 8000)" | bc -l)" \
    "$(val "$f" throughput_mbps)" "$(val "$f" viewer_mbps_min)" "$(val "$f" viewer_mbps_median)" "$(val "$f" behind)" \
    "$(val "$f" ttfb_ms_median)" "$(val "$f" ttfb_ms_max)" \
    "$(( $(val "$f" errors) + $(val "$f" non200) + $(val "$f" closed_by_server) + $(val "$f" without_data) ))" \
    "$(val "$f" load_cpu_s)" "$(val "$f" load_before)" "$(val "$f" load_after)"
}
path=/movie/viewers/viewers/$movie_id.ts
# An unmeasured warm-up (the JIT compiles the path), then each server in turn.
java -cp "$work/classes" -Drate="$VOD_RATE" -Dpace=4 -Dplayers=distinct ViewerLoad 127.0.0.1 $http "$path" \
  $(( VOD_VIEWERS < 100 ? VOD_VIEWERS : 100 )) 3 > /dev/null
sleep 7 # the warm-up's players end (a file session ends once its player is quiet)
# The server's own work without viewers (timers, dashboard, GC) over a window as long: the base
# that the runs' CPU-s include.
c0=$(cpu); sleep "$VOD_SECONDS"; idle_cpu=$(echo "$(cpu) - $c0" | bc)
load panelx $http "$path" "$jpid"
if [[ ${VOD_COPY:-1} != 0 ]]; then
  cli '/system-property=panelx.vod.sendfile:add(value=false)'
  sleep 7
  load panelx-copy $http "$path" "$jpid"
  cli '/system-property=panelx.vod.sendfile:remove'
fi
sleep 2
load nginx $nginx_port /movie.ts "$nginx_pids"
{
  printf '   %s s measured per run; behind real time = average rate over the window below 95%% of %s Mbit/s (%s Mbit/s)\n' \
    "$VOD_SECONDS" "$(echo "$VOD_RATE / 1000000" | bc -l | sed 's/\.*0*$//')" "$(val "$work/viewers-panelx.txt" behind_below_mbps)"
  printf '   %-22s %7s %5s %6s %8s %7s %7s %6s %7s %6s %6s %6s  %s\n' "" CPU-s cores s/GB Mbit/s min median behind TTFB50 max errors load-s "load average before -> after"
  row "PanelX (sendfile)" panelx
  [[ ${VOD_COPY:-1} != 0 ]] && row "PanelX (copy)" panelx-copy
  row "nginx (sendfile)" nginx
  printf '   PanelX without viewers: %.1f CPU-s over %s s (included in its rows)\n' "$idle_cpu" "$VOD_SECONDS"
  printf '   CPU PanelX/nginx: %.1fx; CPU per GB PanelX/nginx: %.1fx\n' \
    "$(echo "$(val "$work/viewers-panelx.txt" server_cpu_s) / $(val "$work/viewers-nginx.txt" server_cpu_s)" | bc -l)" \
    "$(echo "($(val "$work/viewers-panelx.txt" server_cpu_s) / $(val "$work/viewers-panelx.txt" throughput_mbps)) / ($(val "$work/viewers-nginx.txt" server_cpu_s) / $(val "$work/viewers-nginx.txt" throughput_mbps))" | bc -l)"
  echo "   CPU-s: server process CPU (utime+stime) over the window; s/GB: CPU-s per GB delivered; load-s: the load tool's own CPU"
} | tee "$work/viewers-summary.txt"
