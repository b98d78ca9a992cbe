#!/usr/bin/env bash
# PanelX benchmarks (not part of the test suite). They start their own server copy under var/bench
# (ports +1000: http 9080, management 10990), their own upstream, and real load clients.
#   bench/run.sh delivery   N viewers of one direct-proxy channel at 4 Mbit/s vs nginx (VIEWERS, SECONDS)
#   bench/run.sh ffmpeg     cold start to first byte, crash restart, CPU per FFmpeg channel,
#                           copy channels sustained
#   bench/run.sh hls        HLS_VIEWERS (300) HLS players of one ladder channel (bench/HlsLoad.java)
#   bench/run.sh xtream     player API latency and request rates (bench/xtream.sh)
#   bench/run.sh import-xc  import of 50,000 lines and 5,000 streams from MariaDB (bench/xc-import.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
what=${1:-delivery}
[[ $what == xtream ]] && exec bench/xtream.sh "${@:2}"
[[ $what == import-xc ]] && exec bench/xc-import.sh "${@:2}"

VIEWERS=${VIEWERS:-1000}
SECS=${SECONDS_PER_RUN:-60}
RATE=4000000
work=$root/var/bench
http=9080
api="http://127.0.0.1:$http/api/v1"
auth="admin:bench-secret"

for tool in ffmpeg curl jcmd; do command -v $tool >/dev/null || { echo "bench needs $tool"; exit 1; }; done
ulimit -n 20000 || true

cleanup() {
  [[ -n ${server_pid:-} ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  pkill -f "jboss.home.dir=$work/wildfly" 2>/dev/null || true
  [[ -n ${upstream_pid:-} ]] && kill "$upstream_pid" 2>/dev/null || true
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

echo "== building and preparing var/bench"
mvn -B -q package -DskipTests
rm -rf "$work"; mkdir -p "$work"
cp -a wildfly-config/target/wildfly-h2 "$work/wildfly"
rm -rf "$work/wildfly/standalone/data" "$work/wildfly/standalone/deployments"/panelx.ear*

clip=$work/clip.ts
echo "== encoding a $((SECS + 20)) s 720p clip at 4 Mbit/s"
ffmpeg -v error -y -f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=frequency=1000 \
  -t $((SECS + 20)) -c:v libx264 -preset ultrafast -b:v 3800k -maxrate 3800k -bufsize 2M -g 50 \
  -c:a aac -b:a 128k -f mpegts "$clip"

java "$root/bench/Upstream.java" "$clip" 18090 $RATE > "$work/upstream.log" 2>&1 &
upstream_pid=$!

cp ear/target/panelx.ear "$work/wildfly/standalone/deployments/"
LAUNCH_JBOSS_IN_BACKGROUND=1 PANELX_ADMIN_PASSWORD=bench-secret PANELX_DEMO=false \
JAVA_OPTS="-Xms1g -Xmx2g -XX:+UseG1GC -Djava.net.preferIPv4Stack=true" \
  "$work/wildfly/bin/standalone.sh" -Djboss.socket.binding.port-offset=1000 > "$work/server.out" 2>&1 &
server_pid=$!
until [[ -f $work/wildfly/standalone/deployments/panelx.ear.deployed ]]; do
  [[ -f $work/wildfly/standalone/deployments/panelx.ear.failed ]] && { echo "deploy failed"; exit 1; }
  sleep 1
done
jpid=$(pgrep -f "jboss.home.dir=$work/wildfly" | head -1)
json() { curl -sf -u "$auth" -H 'Content-Type: application/json' "$@"; }
id_of() { sed -E 's/.*"id":([0-9]+).*/\1/'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
heap_used_kb() {
  jcmd "$jpid" GC.run >/dev/null
  jcmd "$jpid" GC.heap_info | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K,?","",$(i+1)); print $(i+1)}}'
}
hz=$(getconf CLK_TCK)

if [[ $what == delivery ]]; then
  json "$api/lines" -d '{"username":"bench","password":"bench","maxConnections":100000}' >/dev/null
  ch=$(json "$api/channels" -d "{\"name\":\"bench\",\"deliveryMode\":\"DIRECT\",\"sources\":[\"http://127.0.0.1:18090/live.ts\"]}" | id_of)
  url=/live/bench/bench/$ch.ts
  curl -s -m 3 -o /dev/null "http://127.0.0.1:$http$url" || true   # warm the channel
  heap0=$(heap_used_kb)

  run_panelx() { # $1 label
    local c0 t0 out heap
    c0=$(cpu_ticks "$jpid"); t0=$(date +%s.%N)
    java "$root/bench/ViewerLoad.java" 127.0.0.1 $http "$url" "$VIEWERS" "$SECS" > "$work/load-$1.txt" &
    local lp=$!
    sleep $((SECS / 2 + 5))
    heap=$(heap_used_kb)
    # a viewer joining the running channel: time to first byte
    ttfb=$(for i in 1 2 3 4 5; do curl -s -m 2 -o /dev/null -w '%{time_starttransfer}\n' "http://127.0.0.1:$http$url" || true; done | sort -n | sed -n 3p)
    wait $lp
    local c1 t1; c1=$(cpu_ticks "$jpid"); t1=$(date +%s.%N)
    cpu=$(echo "($c1 - $c0) / $hz / ($t1 - $t0) * 100" | bc -l)
    echo "-- PanelX ($1): $(tr '\n' ' ' < "$work/load-$1.txt")"
    printf '   server CPU %.0f%% of one core, heap used %d MiB (idle %d MiB), heap per viewer %.1f KiB, TTFB on a running channel %.0f ms\n' \
      "$cpu" $((heap / 1024)) $((heap0 / 1024)) "$(echo "($heap - $heap0) / $VIEWERS" | bc -l)" "$(echo "$ttfb * 1000" | bc -l)"
  }
  # Tracking off runs first: that phase also absorbs JIT warm-up, so any cost it hides counts
  # against tracking, not for it.
  cli() { "$work/wildfly/bin/jboss-cli.sh" -c --controller=127.0.0.1:10990 "$1" >/dev/null; }
  cli '/system-property=panelx.tracking:add(value=false)'
  echo "== $VIEWERS viewers, $SECS s, tracking off"
  run_panelx tracking-off
  cli '/system-property=panelx.tracking:remove'
  echo "== $VIEWERS viewers, $SECS s, tracking on"
  run_panelx tracking-on
  echo "   upstream connections opened: $(grep -c 'upstream connections' "$work/upstream.log")"

  command -v nginx >/dev/null || { echo "nginx missing: apt-get install -y nginx-light"; exit 1; }
  cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 8192; }
http {
  access_log off;
  sendfile on;
  server {
    listen 127.0.0.1:18091 backlog=4096;
    location /clip.ts { alias $clip; limit_rate $((RATE / 8)); limit_rate_after 500k; }
  }
}
NGINX
  nginx -c "$work/nginx.conf" -p "$work"
  echo "== nginx serving the same stream (limit_rate 4 Mbit/s per viewer), $VIEWERS viewers, $SECS s"
  java "$root/bench/ViewerLoad.java" 127.0.0.1 18091 /clip.ts "$VIEWERS" "$SECS" > "$work/load-nginx.txt"
  echo "-- nginx: $(tr '\n' ' ' < "$work/load-nginx.txt")"
  p=$(grep aggregate "$work/load-tracking-on.txt" | cut -d= -f2); n=$(grep aggregate "$work/load-nginx.txt" | cut -d= -f2)
  off=$(grep aggregate "$work/load-tracking-off.txt" | cut -d= -f2)
  printf '== throughput PanelX/nginx = %.2f; tracking cost = %.1f%%\n' "$(echo "$p / $n" | bc -l)" "$(echo "(1 - $p / $off) * 100" | bc -l)"
fi

if [[ $what == ffmpeg ]]; then
  json "$api/lines" -d '{"username":"bench","password":"bench","maxConnections":100000}' >/dev/null
  cold() { # profile -> ms to first byte of a cold channel
    local ch
    ch=$(json "$api/channels" -d "{\"name\":\"cold-$1-$RANDOM\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"$1\",\"sources\":[\"http://127.0.0.1:18090/live.ts?$RANDOM\"]}" | id_of)
    curl -s -m 15 -o /dev/null -w '%{time_starttransfer}' "http://127.0.0.1:$http/live/bench/bench/$ch.ts" | awk '{printf "%.0f", $1 * 1000}'
  }
  for profile in COPY H264_720P HLS_LADDER; do
    echo "== cold start to first byte, $profile: $(for i in 1 2 3; do printf '%s ms ' "$(cold $profile)"; done)"
  done
  cold_rtmp() { # ms to first byte of a cold COPY channel pulling from a local RTMP server
    local port=$((19700 + RANDOM % 200)) ch fp ms
    ffmpeg -v error -re -stream_loop -1 -i "$clip" -c copy -f flv -listen 1 "rtmp://127.0.0.1:$port/live/bench" & fp=$!
    until ss -ltn | grep -q "127.0.0.1:$port "; do sleep 0.05; done
    ch=$(json "$api/channels" -d "{\"name\":\"coldr-$RANDOM\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"COPY\",\"sources\":[\"rtmp://127.0.0.1:$port/live/bench\"]}" | id_of)
    ms=$(curl -s -m 15 -o /dev/null -w '%{time_starttransfer}' "http://127.0.0.1:$http/live/bench/bench/$ch.ts" | awk '{printf "%.0f", $1 * 1000}')
    kill $fp 2>/dev/null; wait $fp 2>/dev/null || true
    echo "$ms"
  }
  echo "== cold start to first byte, COPY from local RTMP: $(for i in 1 2 3; do printf '%s ms ' "$(cold_rtmp)"; done)"
  cold_master() { # ms until a cold ladder channel's master playlist arrives (every rung has a segment)
    local ch
    ch=$(json "$api/channels" -d "{\"name\":\"coldm-$RANDOM\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"HLS_LADDER\",\"sources\":[\"http://127.0.0.1:18090/live.ts?$RANDOM\"]}" | id_of)
    curl -s -m 15 -o /dev/null -w '%{time_total}' "http://127.0.0.1:$http/live/bench/bench/$ch.m3u8" | awk '{printf "%.0f", $1 * 1000}'
  }
  echo "== cold start to the master playlist, HLS_LADDER: $(for i in 1 2 3; do printf '%s ms ' "$(cold_master)"; done)"
  # A crashed FFmpeg (kill -9) while a viewer watches: time until the viewer gets bytes again.
  tag="crash$RANDOM"
  ch=$(json "$api/channels" -d "{\"name\":\"$tag\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"COPY\",\"sources\":[\"http://127.0.0.1:18090/live.ts?$tag\"]}" | id_of)
  echo "== crash restart, COPY, viewer connected:"
  java "$root/bench/CrashResume.java" "http://127.0.0.1:$http/live/bench/bench/$ch.ts" "live.ts?$tag" 3 | sed 's/^/   /'
  per_channel_cpu() { # profile
    local ch pid c0 c1
    ch=$(json "$api/channels" -d "{\"name\":\"cpu-$1\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"$1\",\"sources\":[\"http://127.0.0.1:18090/live.ts?cpu$1\"]}" | id_of)
    curl -s -m 40 -o /dev/null "http://127.0.0.1:$http/live/bench/bench/$ch.ts" & local cp=$!
    sleep 8
    pid=$(pgrep -f "ffmpeg.*live.ts.cpu$1" | head -1)
    c0=$(cpu_ticks "$pid"); sleep 20; c1=$(cpu_ticks "$pid")
    kill $cp 2>/dev/null || true
    printf '== CPU per channel, %s: %.0f%% of one core\n' "$1" "$(echo "($c1 - $c0) / $hz / 20 * 100" | bc -l)"
  }
  per_channel_cpu COPY
  per_channel_cpu H264_720P
  per_channel_cpu HLS_LADDER
  for m in ${CHANNELS:-10 20 40}; do
    [[ $m == 0 ]] && continue # CHANNELS=0: profiles only
    pids=()
    for i in $(seq 1 "$m"); do
      ch=$(json "$api/channels" -d "{\"name\":\"many-$m-$i\",\"deliveryMode\":\"FFMPEG\",\"sources\":[\"http://127.0.0.1:18090/live.ts?m$m-$i\"]}" | id_of)
      (curl -s -m 35 -o /dev/null -w '%{size_download}\n' "http://127.0.0.1:$http/live/bench/bench/$ch.ts" > "$work/many-$m-$i.txt") & pids+=($!)
    done
    wait "${pids[@]}" || true
    min=$(cat "$work"/many-$m-*.txt | sort -n | head -1)
    printf '== %d copy channels at once: slowest viewer %.2f Mbit/s over 35 s (real time is ~%.1f)\n' "$m" "$(echo "$min * 8 / 35 / 1000000" | bc -l)" "$(echo "$RATE / 1000000" | bc -l)"
  done
fi

if [[ $what == hls ]]; then
  # HLS_VIEWERS players of one always-on ladder channel (bench/HlsLoad.java), round robin over
  # the rungs: every playlist and segment comes from the files FFmpeg writes.
  players=${HLS_VIEWERS:-300}
  json "$api/lines" -d '{"username":"bench","password":"bench","maxConnections":100000}' >/dev/null
  ch=$(json "$api/channels" -d '{"name":"hls-ladder","deliveryMode":"FFMPEG","ffmpegProfile":"HLS_LADDER","onDemand":false,"sources":["http://127.0.0.1:18090/live.ts?hls"]}' | id_of)
  curl -s -m 30 -o /dev/null "http://127.0.0.1:$http/live/bench/bench/$ch.m3u8"   # running, rungs written
  heap0=$(heap_used_kb)
  ff=$(pgrep -f "ffmpeg.*live.ts.hls" | head -1)
  c0=$(cpu_ticks "$jpid"); f0=$(cpu_ticks "$ff"); t0=$(date +%s.%N)
  java "$root/bench/HlsLoad.java" "http://127.0.0.1:$http" "/live/bench/bench/$ch.m3u8" "$players" "$SECS" > "$work/hls-load.txt" &
  lp=$!
  sleep $((SECS / 2 + 5))
  heap=$(heap_used_kb)
  wait $lp
  c1=$(cpu_ticks "$jpid"); f1=$(cpu_ticks "$ff"); t1=$(date +%s.%N)
  secs=$(echo "$t1 - $t0" | bc -l)
  echo "== $players HLS players of one ladder channel for $SECS s: $(cat "$work/hls-load.txt")"
  printf '== server CPU %.0f%% of a core, FFmpeg (the ladder) %.0f%%; heap %d MiB vs %d MiB before the players\n' \
    "$(echo "($c1 - $c0) / $hz / $secs * 100" | bc -l)" "$(echo "($f1 - $f0) / $hz / $secs * 100" | bc -l)" \
    $((heap / 1024)) $((heap0 / 1024))
  open=$(json "$api/connections?channel=$ch&open=true&limit=100000" | grep -o '"id"' | wc -l)
  echo "== open HLS connection records of the channel right after the run: $open (one per player)"
fi
