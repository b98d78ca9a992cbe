#!/usr/bin/env bash
# PanelX benchmarks (not part of the test suite). They start their own server copy under var/bench
# (ports +1000: http 9080, management 10990), their own upstream, and real load clients.
#   bench/run.sh delivery   PanelX (tracking off, tracking on) and nginx with the same load, in one
#                           run, for each pair of VIEWERS and RATE (default "2000 5000" viewers at
#                           "4000000 2000000" bit/s), SECONDS_PER_RUN (30) measured per run, after
#                           WARMUP_SECONDS (4): half all viewers tracked, half 200 untracked (longer: the JIT is done);
#                           then STORMS (5) more connect storms of each, alternated, for the first
#                           byte alone (one storm's median swings by 2x between identical runs);
#                           WARMUP_STORMS (0) unmeasured storms before them (the JIT compiles the connect path);
#                           then ZAPS (30) single connects one after the other, of each; then
#                           CPU_ROUNDS (2) more windows of tracking off, on and nginx, alternated
#   bench/run.sh soak       SOAK_VIEWERS (1000) zapping viewers of five channels for SOAK_MINUTES (30)
#                           with an admin poller: errors, heap slope, records and FFmpeg left after
#   bench/run.sh ffmpeg     cold start to first byte, crash restart, CPU per FFmpeg channel,
#                           copy channels sustained
#   bench/run.sh hls        HLS_VIEWERS (300) HLS players of one ladder channel (bench/HlsLoad.java)
#   bench/run.sh xtream     player API latency and request rates (bench/xtream.sh)
#   bench/run.sh import-xc  import of 50,000 lines and 5,000 streams from MariaDB (bench/xc-import.sh)
#   bench/run.sh archive    catch-up: server CPU of ARCHIVE_CHANNELS (20) 4 Mbit/s channels recorded
#                           vs not (per channel, % of a core) and their gaps over SECONDS_PER_RUN (60);
#                           first byte of a seek to random minutes of a 24 h archive (ARCHIVE_FILL_HOURS,
#                           hard links of the recorded segments); TS_VIEWERS (200) timeshift players
#   bench/run.sh vod        scan of 2,000 small files, get_vod_streams of 20,000 movies (bench/vod.sh)
# BUILD=0 reuses the ear and server already built (no mvn package). BENCH_PORT_OFFSET (1000) moves
# the server's ports (http 8080 + offset, management 9990 + offset). SERVER_JAVA_OPTS is added to the
# server's JVM options (a profile: -XX:StartFlightRecording=filename=/tmp/x.jfr,settings=profile).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
what=${1:-delivery}
[[ $what == xtream ]] && exec bench/xtream.sh "${@:2}"
[[ $what == import-xc ]] && exec bench/xc-import.sh "${@:2}"
[[ $what == vod ]] && exec bench/vod.sh "${@:2}"
case $what in delivery | soak | ffmpeg | hls | archive) ;; *) sed -n '2,25p' "$0"; exit 2 ;; esac

SECS=${SECONDS_PER_RUN:-$([[ $what == delivery ]] && echo 30 || echo 60)}
work=$root/var/bench
offset=${BENCH_PORT_OFFSET:-1000}
http=$((8080 + offset))
api="http://127.0.0.1:$http/api/v1"
# The bench's own upstreams and nginx move with the offset too (18090.. at the default 1000), so
# that two benches on one machine do not meet.
aux=$((17090 + offset))
auth="admin:bench-secret"

for tool in ffmpeg ffprobe curl jcmd javac bc; do command -v $tool >/dev/null || { echo "bench needs $tool"; exit 1; }; done
if [[ $what == delivery ]] && ! command -v nginx >/dev/null; then
  echo "bench delivery needs nginx: apt-get install -y nginx-light"; exit 1
fi
# One socket per viewer on each side; the server and nginx inherit the limit.
ulimit -n 20000 || { echo "bench needs ulimit -n 20000 (raise the hard limit)"; exit 1; }

upstream_pids=()
cleanup() {
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  for p in "${upstream_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [[ -n ${server_pid:-} ]]; then
    kill "$server_pid" 2>/dev/null || true # standalone.sh relays TERM to the JVM
    wait "$server_pid" 2>/dev/null || true
  fi
  [[ -n ${jpid:-} ]] && kill "$jpid" 2>/dev/null || true
  [[ -f $work/sampler.stop ]] || touch "$work/sampler.stop" 2>/dev/null || true
}
trap cleanup EXIT

if [[ ${BUILD:-1} != 0 || ! -f ear/target/panelx.ear ]]; then
  echo "== building"
  mvn -B -q -o package -DskipTests 2>/dev/null || mvn -B -q package -DskipTests
fi
rm -rf "$work"; mkdir -p "$work/classes"
cp -a wildfly-config/target/wildfly-h2 "$work/wildfly"
rm -rf "$work/wildfly/standalone/data" "$work/wildfly/standalone/deployments"/panelx.ear*
javac -d "$work/classes" bench/ViewerLoad.java bench/Soak.java bench/Upstream.java bench/ArchiveFill.java

# A clip at exactly RATE bit/s (CBR video, the TS padded to the mux rate), so that the upstream's
# pace is the clip's real time and nginx's file lasts as long as its duration.
# With a 5th argument "unpadded" the TS is not padded: its rate stays the same through an FFmpeg
# COPY channel (the video's CBR filler survives a remux, the TS padding does not).
clip() { # rate seconds size file [unpadded]
  local v=$(( $1 * 80 / 100 - 128000 )) mux=(-muxrate "$1")
  [[ ${5:-} == unpadded ]] && mux=()
  ffmpeg -v error -y -f lavfi -i "testsrc2=size=$3:rate=25" -f lavfi -i sine=frequency=1000 -t "$2" \
    -c:v libx264 -preset ultrafast -b:v $v -minrate $v -maxrate $v -bufsize $((v / 2)) \
    -x264-params nal-hrd=cbr -g 50 -c:a aac -b:a 128k -f mpegts "${mux[@]}" "$4"
}
upstream() { # clip port rate: a paced live upstream of the clip, looping
  java -cp "$work/classes" Upstream "$1" "$2" "$3" > "$work/upstream-$2.log" 2>&1 &
  upstream_pids+=($!)
  until (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; do sleep 0.2; done
}

if [[ $what == ffmpeg || $what == hls || $what == archive ]]; then
  RATE=4000000
  clip=$work/clip.ts
  echo "== encoding a $((SECS + 20)) s 720p clip at 4 Mbit/s"
  clip $RATE $((SECS + 20)) 1280x720 "$clip"
  upstream "$clip" $aux $RATE
fi

cp ear/target/panelx.ear "$work/wildfly/standalone/deployments/"
start_server() { # sets server_pid and jpid (the JVM); the archive bench restarts it
  rm -f "$work/wildfly/standalone/deployments"/panelx.ear.{deployed,failed}
  LAUNCH_JBOSS_IN_BACKGROUND=1 PANELX_ADMIN_PASSWORD=bench-secret PANELX_DEMO=false \
  PANELX_ARCHIVE_MAX_GB=${PANELX_ARCHIVE_MAX_GB:-1000} \
  JAVA_OPTS="-Xms1g -Xmx2g -XX:+UseG1GC -Djava.net.preferIPv4Stack=true ${SERVER_JAVA_OPTS:-}" \
    "$work/wildfly/bin/standalone.sh" -Djboss.socket.binding.port-offset=$offset >> "$work/server.out" 2>&1 &
  server_pid=$!
  until [[ -f $work/wildfly/standalone/deployments/panelx.ear.deployed ]]; do
    [[ -f $work/wildfly/standalone/deployments/panelx.ear.failed ]] && { echo "deploy failed"; exit 1; }
    kill -0 $server_pid 2>/dev/null || { echo "server ended: see $work/server.out"; exit 1; }
    sleep 1
  done
  jpid=$(pgrep -P "$server_pid" java | head -1)
}
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
start_server
json() { curl -sf -u "$auth" -H 'Content-Type: application/json' "$@"; }
id_of() { sed -E 's/.*"id":([0-9]+).*/\1/'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
heap_used_kb() {
  jcmd "$jpid" GC.run >/dev/null
  jcmd "$jpid" GC.heap_info | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K,?","",$(i+1)); print $(i+1)}}'
}
hz=$(getconf CLK_TCK)
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
machine() { echo "== machine: $(nproc) cores, load average $(loadavg) at the start ($(date -u +%FT%TZ)); net.ipv4.tcp_mem $(tr '\t' ' ' < /proc/sys/net/ipv4/tcp_mem) pages"; }
val() { grep -o "\b$2=[^ ]*" "$1" | head -1 | cut -d= -f2; } # file key
cli() { "$work/wildfly/bin/jboss-cli.sh" -c --controller=127.0.0.1:$((9990 + offset)) "$1" >/dev/null; }
json "$api/lines" -d '{"username":"bench","password":"bench","maxConnections":100000}' >/dev/null

if [[ $what == delivery ]]; then
  read -ra viewer_list <<< "${VIEWERS:-2000 5000}"
  read -ra rate_list <<< "${RATE:-4000000 2000000}"
  runs=$(( ${#viewer_list[@]} > ${#rate_list[@]} ? ${#viewer_list[@]} : ${#rate_list[@]} ))
  # the clips (one per rate) and nginx serving each at its rate per viewer
  locations=""
  for ((k = 0; k < runs; k++)); do
    r=${rate_list[k]:-${rate_list[-1]}}
    [[ -f $work/clip-$r.ts ]] && continue
    echo "== encoding a $((SECS + 30)) s 720p clip at $r bit/s"
    clip "$r" $((SECS + 30)) 1280x720 "$work/clip-$r.ts"
    locations+="    location = /clip-$r.ts { alias $work/clip-$r.ts; limit_rate $((r / 8)); limit_rate_after 500k; }"$'\n'
  done
  cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
worker_rlimit_nofile 20000;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 10000; }
http {
  access_log off;
  sendfile on;
  server {
    listen 127.0.0.1:$((aux + 1)) backlog=4096;
$locations  }
}
NGINX
  nginx -c "$work/nginx.conf" -p "$work"
  until [[ -s $work/nginx.pid ]]; do sleep 0.2; done
  nginx_pids="$(cat "$work/nginx.pid"),$(pgrep -P "$(cat "$work/nginx.pid")" | paste -sd,)"

  tcp_pressure() { # the kernel's TCP memory-pressure counters: "entered ms_in_it dropped_at_receive_queue"
    awk '/^TcpExt:/ {if (!h) {for (i = 2; i <= NF; i++) k[$i] = i; h = 1} else print $k["TCPMemoryPressures"], $k["TCPMemoryPressuresChrono"], $k["TCPRcvQDrop"]}' /proc/net/netstat
  }
  load() { # label port path viewers rate pids: one storm and window, its figures in load-LABEL.txt
    local before pressure
    before=$(loadavg) pressure=$(tcp_pressure)
    local metrics=""
    [[ $2 == "$http" ]] && metrics="http://127.0.0.1:$http/metrics"
    java -Xmx1g -cp "$work/classes" -Drate="$5" -Dhz="$hz" -Dpids="$6" -Dmetrics="$metrics" -Dauth="$auth" \
      ViewerLoad 127.0.0.1 "$2" "$3" "$4" "$SECS" > "$work/load-$1.txt"
    echo "load_before=${before// //} load_after=$(loadavg | tr ' ' /)" >> "$work/load-$1.txt"
    # Client and server share one kernel here: their socket buffers count against one tcp_mem.
    paste -d' ' <(echo "$pressure") <(tcp_pressure) |
      awk '{printf "tcp_pressures=%d tcp_pressure_ms=%d tcp_rcvq_drops=%d\n", $4 - $1, $5 - $2, $6 - $3}' >> "$work/load-$1.txt"
  }
  per_gb() { echo "$(val "$1" server_cpu_s) / ($(val "$1" throughput_mbps) * $(val "$1" window_s) / 8000)" | bc -l; }
  row() { # title label
    local f=$work/load-$2.txt cpu w
    cpu=$(val "$f" server_cpu_s); w=$(val "$f" window_s)
    printf '%-20s %7.1f %5.2f %6.2f %8.0f %7.3f %7.3f %6s %7s %6s %6s %7.1f %5.2f  %s -> %s\n' "$1" \
      "$cpu" "$(echo "$cpu / $w" | bc -l)" "$(per_gb "$f")" "$(val "$f" throughput_mbps)" \
      "$(val "$f" viewer_mbps_min)" "$(val "$f" viewer_mbps_median)" "$(val "$f" behind)" \
      "$(val "$f" ttfb_ms_median)" "$(val "$f" ttfb_ms_max)" \
      "$(( $(val "$f" errors) + $(val "$f" non200) + $(val "$f" closed_by_server) + $(val "$f" without_data) ))" \
      "$(val "$f" load_cpu_s)" "$(echo "$(val "$f" load_cpu_s) / $w" | bc -l)" \
      "$(val "$f" load_before)" "$(val "$f" load_after)"
  }
  summarize() { # k viewers rate upstream-port: the figures of one configuration
    local k=$1 v=$2 r=$3 port=$4 on off ng pc pco nc
    on=$work/load-panelx-on-$k.txt off=$work/load-panelx-off-$k.txt ng=$work/load-nginx-$k.txt
    printf '\n== %d viewers of a %.1f Mbit/s channel, all connecting at once; %s s measured per run\n' "$v" "$(echo "$r / 1000000" | bc -l)" "$SECS"
    printf '   behind real time = average rate over the window below 95%% of the channel rate (%s Mbit/s)\n' "$(val "$on" behind_below_mbps)"
    printf '%-20s %7s %5s %6s %8s %7s %7s %6s %7s %6s %6s %7s %5s  %s\n' "" "CPU-s" "cores" "s/GB" "Mbit/s" "min" "median" "behind" "TTFB50" "max" "errors" "load-s" "cores" "load average before -> after"
    row "PanelX tracking off" panelx-off-$k
    row "PanelX tracking on" panelx-on-$k
    row "nginx" nginx-$k
    pc=$(val "$on" server_cpu_s) pco=$(val "$off" server_cpu_s) nc=$(val "$ng" server_cpu_s)
    printf '   CPU PanelX/nginx: %.1fx tracking on, %.1fx tracking off; tracking on vs off: %+.1f%% CPU, %+.1f%% CPU per GB\n' \
      "$(echo "$pc / $nc" | bc -l)" "$(echo "$pco / $nc" | bc -l)" "$(echo "($pc / $pco - 1) * 100" | bc -l)" \
      "$(echo "($(per_gb "$on") / $(per_gb "$off") - 1) * 100" | bc -l)"
    printf '   CPU per GB delivered PanelX/nginx: %.1fx tracking on, %.1fx tracking off (the fairer figure when a server is starved of CPU)\n' \
      "$(echo "$(per_gb "$on") / $(per_gb "$ng")" | bc -l)" "$(echo "$(per_gb "$off") / $(per_gb "$ng")" | bc -l)"
    printf '   throughput PanelX/nginx: %.2f tracking on, %.2f tracking off\n' \
      "$(echo "$(val "$on" throughput_mbps) / $(val "$ng" throughput_mbps)" | bc -l)" \
      "$(echo "$(val "$off" throughput_mbps) / $(val "$ng" throughput_mbps)" | bc -l)"
    printf '   TTFB median PanelX/nginx: %.1fx tracking on; the load tool started all %d connects within %s ms (PanelX on), %s ms (nginx)\n' \
      "$(echo "$(val "$on" ttfb_ms_median) / ($(val "$ng" ttfb_ms_median) + 0.001)" | bc -l)" "$v" "$(val "$on" storm_ms)" "$(val "$ng" storm_ms)"
    printf '   TTFB50 split at the request written (connect | request to first byte): %s | %s ms off, %s | %s ms on, %s | %s ms nginx\n' \
      "$(val "$off" connect_ms_median)" "$(val "$off" request_to_first_byte_ms_median)" \
      "$(val "$on" connect_ms_median)" "$(val "$on" request_to_first_byte_ms_median)" \
      "$(val "$ng" connect_ms_median)" "$(val "$ng" request_to_first_byte_ms_median)"
    printf '   ledger statements per second (panelx_ledger_statements_total) over whole checkpoint intervals: %s tracking on (%s over the window)\n' \
      "$(val "$on" ledger_statements_per_s)" "$(val "$on" ledger_statements_per_s_window)"
    printf '   upstream connections opened for the channel: %s\n' "$(grep -c 'upstream connections' "$work/upstream-$port.log")"
    printf '   kernel TCP memory pressure (client and server share tcp_mem here), entered / ms in it / packets dropped at receive queues: off %s / %s / %s, on %s / %s / %s, nginx %s / %s / %s\n' \
      "$(val "$off" tcp_pressures)" "$(val "$off" tcp_pressure_ms)" "$(val "$off" tcp_rcvq_drops)" \
      "$(val "$on" tcp_pressures)" "$(val "$on" tcp_pressure_ms)" "$(val "$on" tcp_rcvq_drops)" \
      "$(val "$ng" tcp_pressures)" "$(val "$ng" tcp_pressure_ms)" "$(val "$ng" tcp_rcvq_drops)"
  }
  metric() { # a metric's value, its label sets summed
    curl -sf -u "$auth" "http://127.0.0.1:$http/metrics" |
      awk -v m="$1" '$1 == m || index($1, m "{") == 1 {s += $2; n++} END {if (n) print s}'
  }
  settle() { # until PanelX has ended the last storm's viewers and written their records
    for _ in $(seq 60); do
      [[ $(metric panelx_viewers) == 0 && $(metric panelx_ledger_pending) == 0 ]] && break
      sleep 0.5
    done
    sleep 1
  }
  storm() { # label port path viewers rate pids: a connect storm and a 1 s window
    java -Xmx1g -cp "$work/classes" -Drate="$5" -Dhz="$hz" -Dpids="$6" ViewerLoad 127.0.0.1 "$2" "$3" "$4" 1 > "$work/storm-$1.txt"
  }
  off_then_on() { # run label path viewers rate: "run" (storm or load) of PanelX, tracking off, then on
    cli '/system-property=panelx.tracking:add(value=false)'
    settle; "$1" "panelx-off-$2" $http "$3" "$4" "$5" "$jpid"
    cli '/system-property=panelx.tracking:remove'
    settle; "$1" "panelx-on-$2" $http "$3" "$4" "$5" "$jpid"
  }
  storms() { # k path viewers rate: STORMS rounds of tracking off, tracking on, nginx
    local i
    for ((i = 1; i <= ${STORMS:-5}; i++)); do
      off_then_on storm "$1-$i" "$2" "$3" "$4"
      settle; storm "nginx-$1-$i" $((aux + 1)) "/clip-$4.ts" "$3" "$4" "$nginx_pids"
    done
  }
  zap_us() { # port path: one connect's time to its first byte of video (after the headers), µs
    local t0 line
    t0=$(date +%s%N)
    exec 3<>"/dev/tcp/127.0.0.1/$1"
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
    while IFS= read -r line <&3 && [[ $line != $'\r' ]]; do :; done
    IFS= read -r -N 1 line <&3
    echo $(( ($(date +%s%N) - t0) / 1000 ))
    exec 3<&-
  }
  zaps() { # k path rate: ZAPS (30) single connects one after the other, as a player zapping
    local i
    cli '/system-property=panelx.tracking:add(value=false)'
    settle; for ((i = 0; i < ${ZAPS:-30}; i++)); do zap_us $http "$2"; done > "$work/zap-panelx-off-$1.txt"
    cli '/system-property=panelx.tracking:remove'
    settle; for ((i = 0; i < ${ZAPS:-30}; i++)); do zap_us $http "$2"; done > "$work/zap-panelx-on-$1.txt"
    for ((i = 0; i < ${ZAPS:-30}; i++)); do zap_us $((aux + 1)) "/clip-$3.ts"; done > "$work/zap-nginx-$1.txt"
  }
  summarize_zaps() { # k
    local c f=()
    [[ ${ZAPS:-30} -gt 0 ]] || return 0
    for c in panelx-off panelx-on nginx; do
      f+=("$(median_of < "$work/zap-$c-$1.txt" | awk '{printf "%.1f", $1 / 1000}') ($(sort -n "$work/zap-$c-$1.txt" | awk 'NR == 1 {a = $1} {b = $1} END {printf "%.1f-%.1f", a / 1000, b / 1000}'))")
    done
    printf '   %s single connects one after the other (zapping): median first byte of video (lowest-highest), ms\n' "${ZAPS:-30}"
    printf '     PanelX tracking off %s, tracking on %s, nginx %s\n' "${f[@]}"
  }
  cpu_rounds() { # k path viewers rate: CPU_ROUNDS more windows of tracking off, then on, then nginx
    local i
    for ((i = 1; i <= ${CPU_ROUNDS:-2}; i++)); do
      off_then_on load "$1-r$i" "$2" "$3" "$4"
      settle; load "nginx-$1-r$i" $((aux + 1)) "/clip-$4.ts" "$3" "$4" "$nginx_pids"
    done
  }
  summarize_cpu_rounds() { # k: per round of windows (the first one's and the rounds'): tracking on vs off, CPU per GB; PanelX (on) vs nginx, CPU
    local d pairs=() ratios=() i on off ng
    for ((i = 0; i <= ${CPU_ROUNDS:-2}; i++)); do
      if ((i == 0)); then on=$work/load-panelx-on-$1.txt off=$work/load-panelx-off-$1.txt ng=$work/load-nginx-$1.txt
      else on=$work/load-panelx-on-$1-r$i.txt off=$work/load-panelx-off-$1-r$i.txt ng=$work/load-nginx-$1-r$i.txt; fi
      [[ -f $on && -f $off ]] || continue
      pairs+=("$(printf '%+.1f' "$(echo "($(per_gb "$on") / $(per_gb "$off") - 1) * 100" | bc -l)")")
      [[ -f $ng ]] && ratios+=("$(printf '%.1f' "$(echo "$(val "$on" server_cpu_s) / $(val "$ng" server_cpu_s)" | bc -l)")")
    done
    ((${#pairs[@]} > 1)) || return 0
    d=$(printf '%s\n' "${pairs[@]}" | tr -d + | sort -n)
    printf '   tracking on vs off, CPU per GB, over %d alternated pairs of %s s windows: median %+.1f%% (%s)\n' \
      "${#pairs[@]}" "$SECS" "$(echo "$d" | median_of)" "${pairs[*]}"
    printf '   CPU PanelX (tracking on)/nginx over the same %d rounds (nginx'"'"'s window after each pair): median %sx (%s)\n' \
      "${#ratios[@]}" "$(printf '%s\n' "${ratios[@]}" | median_of)" "${ratios[*]/%/x}"
  }
  median_of() { sort -n | awk '{a[NR] = $1} END {if (NR == 0) print "n/a"; else print a[int((NR + 1) / 2)]}'; }
  storm_figure() { # label k key: "median (min-max)" of one figure over the storms
    local f values
    values=$(for f in "$work"/storm-"$1"-"$2"-*.txt; do [[ -f $f ]] && val "$f" "$3"; done)
    [[ -z $values ]] && { echo "n/a"; return; }
    echo "$(echo "$values" | median_of) ($(echo "$values" | sort -n | head -1)-$(echo "$values" | sort -n | tail -1))"
  }
  summarize_storms() { # k viewers
    local on off ng i
    [[ ${STORMS:-5} -gt 0 ]] || return 0
    on=$(storm_figure panelx-on "$1" ttfb_ms_median | cut -d' ' -f1)
    off=$(storm_figure panelx-off "$1" ttfb_ms_median | cut -d' ' -f1)
    ng=$(storm_figure nginx "$1" ttfb_ms_median | cut -d' ' -f1)
    printf '   %s more storms of %d connects each, alternated: median of the storms'"'"' median first byte (lowest-highest), ms\n' "${STORMS:-5}" "$2"
    printf '     PanelX tracking off %s, tracking on %s, nginx %s\n' \
      "$(storm_figure panelx-off "$1" ttfb_ms_median)" "$(storm_figure panelx-on "$1" ttfb_ms_median)" "$(storm_figure nginx "$1" ttfb_ms_median)"
    printf '     request to first byte: off %s, on %s, nginx %s\n' \
      "$(storm_figure panelx-off "$1" request_to_first_byte_ms_median)" "$(storm_figure panelx-on "$1" request_to_first_byte_ms_median)" \
      "$(storm_figure nginx "$1" request_to_first_byte_ms_median)"
    if [[ ${WARMUP_STORMS:-0} -gt 0 ]]; then
      printf '     the %s warm-up storms before them (tracked), median first byte in order:' "$WARMUP_STORMS"
      for ((i = 1; i <= WARMUP_STORMS; i++)); do printf ' %s' "$(val "$work/storm-warm-$1-$i.txt" ttfb_ms_median)"; done
      printf ' ms\n'
    fi
    printf '     errors (all storms): off %s, on %s, nginx %s\n' \
      "$(cat "$work"/storm-panelx-off-"$1"-*.txt | grep -o 'errors=[0-9]*' | cut -d= -f2 | paste -sd+ | bc)" \
      "$(cat "$work"/storm-panelx-on-"$1"-*.txt | grep -o 'errors=[0-9]*' | cut -d= -f2 | paste -sd+ | bc)" \
      "$(cat "$work"/storm-nginx-"$1"-*.txt | grep -o 'errors=[0-9]*' | cut -d= -f2 | paste -sd+ | bc)"
    if [[ $on != n/a && $ng != n/a ]]; then
      printf '     TTFB median PanelX/nginx over the storms: %.1fx tracking on, %.1fx tracking off\n' \
        "$(echo "$on / ($ng + 0.001)" | bc -l)" "$(echo "$off / ($ng + 0.001)" | bc -l)"
    fi
  }
  summary=$work/summary.txt; : > "$summary"
  machine | tee -a "$summary"
  for ((k = 0; k < runs; k++)); do
    v=${viewer_list[k]:-${viewer_list[-1]}}; r=${rate_list[k]:-${rate_list[-1]}}
    port=$((aux + 10 + k))
    upstream "$work/clip-$r.ts" $port "$r"
    ch=$(json "$api/channels" -d "{\"name\":\"bench-$k\",\"deliveryMode\":\"DIRECT\",\"sources\":[\"http://127.0.0.1:$port/live.ts\"]}" | id_of)
    url=/live/bench/bench/$ch.ts
    # An unmeasured warm-up, all the viewers with tracking on, then 200 with it off: the channel
    # starts and the JIT compiles both paths, the ledger's at full size (its first checkpoints of
    # thousands of rows kept the compiler busy through a measured run: a one-time cost of a new
    # server, not a steady one). Then tracking off, tracking on.
    echo "== $v viewers at $r bit/s: warm-up, then PanelX tracking off, tracking on, nginx ($SECS s each)"
    half=$(( (${WARMUP_SECONDS:-4} + 1) / 2 ))
    java -cp "$work/classes" -Drate="$r" ViewerLoad 127.0.0.1 $http "$url" "$v" "$half" > /dev/null
    cli '/system-property=panelx.tracking:add(value=false)'
    java -cp "$work/classes" -Drate="$r" ViewerLoad 127.0.0.1 $http "$url" $(( v < 200 ? v : 200 )) "$half" > /dev/null
    cli '/system-property=panelx.tracking:remove'
    # WARMUP_STORMS (0) unmeasured connect storms of all viewers, tracked: a panel that has run
    # a while has compiled its connect path (called once per viewer, it reaches the JIT's last tier
    # only after several thousand connects; a new server's storms share the CPU with the compiler).
    for ((i = 1; i <= ${WARMUP_STORMS:-0}; i++)); do
      settle; storm "warm-$k-$i" $http "$url" "$v" "$r" "$jpid"
    done
    cli '/system-property=panelx.tracking:add(value=false)'
    sleep 2
    load panelx-off-$k $http "$url" "$v" "$r" "$jpid"
    cli '/system-property=panelx.tracking:remove'
    sleep 2
    load panelx-on-$k $http "$url" "$v" "$r" "$jpid"
    sleep 2
    load nginx-$k $((aux + 1)) "/clip-$r.ts" "$v" "$r" "$nginx_pids"
    storms "$k" "$url" "$v" "$r"
    zaps "$k" "$url" "$r"
    cpu_rounds "$k" "$url" "$v" "$r"
    kill "${upstream_pids[-1]}" 2>/dev/null || true
    summarize "$k" "$v" "$r" "$port" | tee -a "$summary"
    summarize_storms "$k" "$v" | tee -a "$summary"
    summarize_zaps "$k" | tee -a "$summary"
    summarize_cpu_rounds "$k" | tee -a "$summary"
  done
  overlaps=$(grep -c 'WFLYEJB0043' "$work/wildfly/standalone/log/server.log" || true)
  echo "== overlapping timer runs skipped (WFLYEJB0043) in server.log: $overlaps; load average $(loadavg) at the end" | tee -a "$summary"
  echo "   CPU-s: server process CPU (utime+stime) over the window; s/GB: CPU-s per GB delivered; load-s: the load tool's own CPU" | tee -a "$summary"
fi

if [[ $what == soak ]]; then
  minutes=${SOAK_MINUTES:-30} viewers=${SOAK_VIEWERS:-1000} rate=${SOAK_RATE:-1000000}
  clip "$rate" 60 640x360 "$work/clip-soak.ts" unpadded
  rate=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$work/clip-soak.ts")
  echo "== a 60 s 360p clip at $rate bit/s, looped by the upstream at that rate"
  upstream "$work/clip-soak.ts" $((aux + 10)) "$rate"
  src() { echo "http://127.0.0.1:$((aux + 10))/live.ts?$1"; }
  paths=()
  for c in 1 2 3; do
    ch=$(json "$api/channels" -d "{\"name\":\"soak-direct-$c\",\"deliveryMode\":\"DIRECT\",\"sources\":[\"$(src d$c)\"]}" | id_of)
    paths+=("/live/bench/bench/$ch.ts")
  done
  ch=$(json "$api/channels" -d "{\"name\":\"soak-ffmpeg\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"COPY\",\"sources\":[\"$(src f1)\"]}" | id_of)
  paths+=("/live/bench/bench/$ch.ts")
  ch=$(json "$api/channels" -d "{\"name\":\"soak-always-on\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"COPY\",\"onDemand\":false,\"sources\":[\"$(src f2)\"]}" | id_of)
  paths+=("/live/bench/bench/$ch.ts")
  ffmpegs() { pgrep -c -P "$jpid" -x ffmpeg || true; }
  for _ in $(seq 60); do [[ $(ffmpegs) -ge 1 ]] && break; sleep 1; done
  always_on=$(ffmpegs)
  log=$work/wildfly/standalone/log/server.log
  errors0=$(grep -c ' ERROR ' "$log" || true)
  echo "== soak: $viewers viewers zapping over ${#paths[@]} channels (3 direct, 1 FFmpeg on demand, 1 FFmpeg always on: $always_on FFmpeg running) for $minutes min, load average $(loadavg)"
  # heap after a full GC, every minute from the start (elapsed seconds, KiB)
  rm -f "$work/sampler.stop"
  ( t0=$(date +%s); next=$t0
    until [[ -f $work/sampler.stop ]]; do
      if (( $(date +%s) >= next )); then echo "$(( $(date +%s) - t0 )) $(heap_used_kb)" >> "$work/heap.txt"; next=$((next + 60)); fi
      sleep 1
    done ) &
  sampler=$!
  java -Xmx512m -cp "$work/classes" -Drate="$rate" -Dauth="$auth" -Ddwell="${SOAK_DWELL:-5-60}" \
    Soak 127.0.0.1 $http "$minutes" "$viewers" "$(IFS=,; echo "${paths[*]}")" > "$work/soak.txt"
  touch "$work/sampler.stop"; wait $sampler || true
  left_at=$(date +%s)
  open_count() { json "$api/connections?open=true&limit=100000" | { grep -o '"id"' || true; } | wc -l; }
  for _ in $(seq 60); do open=$(open_count); [[ $open -eq 0 ]] && break; sleep 1; done
  open_secs=$(( $(date +%s) - left_at ))
  # on-demand channels release their upstream and FFmpeg after panelx.idle-release-seconds (30)
  for _ in $(seq 90); do ff=$(ffmpegs); [[ $ff -le $always_on ]] && break; sleep 1; done
  ff_secs=$(( $(date +%s) - left_at ))
  metric_ff=$(curl -sf -u "$auth" "http://127.0.0.1:$http/metrics" | awk '$1 == "panelx_ffmpeg_processes" {print $2}')
  errors1=$(grep -c ' ERROR ' "$log" || true)
  # MiB/hour by least squares over the samples from minute 1 on (minute 0 is before the viewers)
  slope=$(awk '{x[++n] = $1 / 3600; y[n] = $2 / 1024; if ($1 >= 60) later++} END {
      first = later >= 2 ? n - later + 1 : 1
      if (n - first < 1) {print "n/a"; exit}
      for (i = first; i <= n; i++) {sx += x[i]; sy += y[i]; m++}
      for (i = first; i <= n; i++) {sxy += (x[i] - sx / m) * (y[i] - sy / m); sxx += (x[i] - sx / m) ^ 2}
      printf "%+.1f", sxy / sxx }' "$work/heap.txt")
  {
    echo "-- viewers: $(grep -v '^poller' "$work/soak.txt" | tr '\n' ' ')"
    echo "-- admin poller (snapshot, connections API, /metrics every second): $(grep '^poller' "$work/soak.txt")"
    echo "-- heap after GC (MiB) at minute: $(awk '{printf "%d:%d ", $1 / 60, $2 / 1024}' "$work/heap.txt")"
    echo "-- heap slope (least squares, samples after the first minute's ramp): $slope MiB/hour"
    echo "-- open records after all viewers left: $open (after ${open_secs} s)"
    echo "-- FFmpeg processes: $ff after ${ff_secs} s (always-on count $always_on; panelx_ffmpeg_processes $metric_ff)"
    echo "-- server.log ERROR lines during the soak: $((errors1 - errors0)); load average $(loadavg) at the end"
  } | tee "$work/summary.txt"
  stop_server # an operator's restart: the log should show no ERROR for it either
  echo "-- server.log ERROR lines at the stop: $(( $(grep -c ' ERROR ' "$log" || true) - errors1 ))" | tee -a "$work/summary.txt"
fi

if [[ $what == ffmpeg ]]; then
  cold() { # profile -> ms to first byte of a cold channel
    local ch
    ch=$(json "$api/channels" -d "{\"name\":\"cold-$1-$RANDOM\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"$1\",\"sources\":[\"http://127.0.0.1:$aux/live.ts?$RANDOM\"]}" | id_of)
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
    ch=$(json "$api/channels" -d "{\"name\":\"coldm-$RANDOM\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"HLS_LADDER\",\"sources\":[\"http://127.0.0.1:$aux/live.ts?$RANDOM\"]}" | id_of)
    curl -s -m 15 -o /dev/null -w '%{time_total}' "http://127.0.0.1:$http/live/bench/bench/$ch.m3u8" | awk '{printf "%.0f", $1 * 1000}'
  }
  echo "== cold start to the master playlist, HLS_LADDER: $(for i in 1 2 3; do printf '%s ms ' "$(cold_master)"; done)"
  # A crashed FFmpeg (kill -9) while a viewer watches: time until the viewer gets bytes again.
  tag="crash$RANDOM"
  ch=$(json "$api/channels" -d "{\"name\":\"$tag\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"COPY\",\"sources\":[\"http://127.0.0.1:$aux/live.ts?$tag\"]}" | id_of)
  echo "== crash restart, COPY, viewer connected:"
  java "$root/bench/CrashResume.java" "http://127.0.0.1:$http/live/bench/bench/$ch.ts" "live.ts?$tag" 3 | sed 's/^/   /'
  per_channel_cpu() { # profile
    local ch pid c0 c1
    ch=$(json "$api/channels" -d "{\"name\":\"cpu-$1\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"$1\",\"sources\":[\"http://127.0.0.1:$aux/live.ts?cpu$1\"]}" | id_of)
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
      ch=$(json "$api/channels" -d "{\"name\":\"many-$m-$i\",\"deliveryMode\":\"FFMPEG\",\"sources\":[\"http://127.0.0.1:$aux/live.ts?m$m-$i\"]}" | id_of)
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
  ch=$(json "$api/channels" -d "{\"name\":\"hls-ladder\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"HLS_LADDER\",\"onDemand\":false,\"sources\":[\"http://127.0.0.1:$aux/live.ts?hls\"]}" | id_of)
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
  open=$(json "$api/connections?channel=$ch&open=true&limit=100000" | { grep -o '"id"' || true; } | wc -l)
  echo "== open HLS connection records of the channel right after the run: $open (one per player)"
fi

if [[ $what == archive ]]; then
  # Catch-up (issue #15's targets): recording <= 5% of a core per 4 Mbit/s channel, ARCHIVE_CHANNELS
  # recorded at once without a gap, a seek into a 24 h archive answers its first byte <= 300 ms,
  # TS_VIEWERS timeshift players at rate. One paced upstream (the 4 Mbit/s clip), DIRECT channels.
  channels=${ARCHIVE_CHANNELS:-20} players=${TS_VIEWERS:-200} fill=${ARCHIVE_FILL_HOURS:-24}
  seeks=${SEEKS:-20}
  summary=$work/summary.txt; : > "$summary"
  machine | tee -a "$summary"
  ids=()
  for i in $(seq 1 "$channels"); do
    ids+=("$(json "$api/channels" -d "{\"name\":\"archived-$i\",\"deliveryMode\":\"DIRECT\",\"onDemand\":false,\"sources\":[\"http://127.0.0.1:$aux/live.ts?a$i\"]}" | id_of)")
  done
  server_cores() { # seconds: the server JVM's CPU over that long, in cores
    local c0 c1 t0 t1
    c0=$(cpu_ticks "$jpid"); t0=$(date +%s.%N); sleep "$1"; c1=$(cpu_ticks "$jpid"); t1=$(date +%s.%N)
    echo "($c1 - $c0) / $hz / ($t1 - $t0)" | bc -l
  }
  archive_of() { json "$api/archive/$1"; }
  state_of() { archive_of "$1" | grep -o '"state":"[A-Z]*"' | cut -d'"' -f4; }
  millis() { date -u -d "$1" +%s%3N; }
  sleep 10 # the sources connect, the JIT compiles the pull path
  plain=$(server_cores "$SECS")
  for id in "${ids[@]}"; do json -X PUT "$api/channels/$id" -d "{\"archiveHours\":$((fill + 2))}" >/dev/null; done
  for _ in $(seq 60); do
    recording=0
    for id in "${ids[@]}"; do [[ $(state_of "$id") == RECORDING ]] && recording=$((recording + 1)); done
    (( recording == channels )) && break
    sleep 1
  done
  sleep 10 # each recorder past its first segment
  since=$(date -u +%s%3N)
  recorded=$(server_cores "$SECS")
  now=$(date -u +%s%3N)
  with_gaps=0 lag_max=0 not_recording=0
  for id in "${ids[@]}"; do
    a=$(archive_of "$id")
    [[ $(grep -o '"state":"[A-Z]*"' <<< "$a" | cut -d'"' -f4) == RECORDING ]] || not_recording=$((not_recording + 1))
    for from in $(grep -o '"from":"[^"]*"' <<< "$a" | cut -d'"' -f4); do
      (( $(millis "$from") >= since )) && { with_gaps=$((with_gaps + 1)); break; }
    done
    newest=$(grep -o '"newest":"[^"]*"' <<< "$a" | cut -d'"' -f4)
    lag=$(( now - $(millis "$newest") )); (( lag > lag_max )) && lag_max=$lag
  done
  {
    printf '== %d channels at 4 Mbit/s (DIRECT, always on), %s s each: server %.3f cores not archived, %.3f archived\n' \
      "$channels" "$SECS" "$plain" "$recorded"
    printf '   recording per channel: %.2f%% of one core (target <= 5%%)\n' "$(echo "($recorded - $plain) / $channels * 100" | bc -l)"
    printf '   channels with a gap in the measured window: %d of %d; not RECORDING at its end: %d; newest segment at most %d ms old (a segment is 6-10 s)\n' \
      "$with_gaps" "$channels" "$not_recording" "$lag_max"
  } | tee -a "$summary"

  # A long archive for channel 1: its real segments linked back to back over FILL hours before
  # them (bench/ArchiveFill.java), read back by the restarted server like any archive.
  long=${ids[0]}
  stop_server
  java -cp "$work/classes" ArchiveFill "$work/wildfly/standalone/data/panelx/archive/$long" "$fill" | tee "$work/fill.txt"
  start_server
  from=$(val "$work/fill.txt" from) to=$(val "$work/fill.txt" to)
  oldest=$(archive_of "$long" | grep -o '"oldest":"[^"]*"' | cut -d'"' -f4)
  xc_start() { date -u -d "@$(( $1 / 1000 ))" +%Y-%m-%d:%H-%M; }
  seek() { # millis -> "code ms" of the first byte of a 1-minute timeshift from that minute
    curl -s -o /dev/null -m 20 -w '%{http_code} %{time_starttransfer}\n' \
      "http://127.0.0.1:$http/timeshift/bench/bench/1/$(xc_start "$1")/$long.ts" | awk '{printf "%s %.0f", $1, $2 * 1000}'
  }
  seek $(( from + 60000 )) >/dev/null # warm-up
  : > "$work/seeks.txt"
  for _ in $(seq "$seeks"); do
    at=$(( from + 60000 + (RANDOM * 32768 + RANDOM) % (to - from - 120000) ))
    seek "$at" >> "$work/seeks.txt"; echo >> "$work/seeks.txt"
  done
  ok=$(awk '$1 == 200' "$work/seeks.txt" | wc -l)
  read -r median max < <(awk '$1 == 200 {print $2}' "$work/seeks.txt" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)], a[NR]}')
  printf '== seek into a %s h archive (oldest %s, %s segments linked): first byte median %s ms, max %s ms over %d random minutes, %d answered 200 (target <= 300 ms)\n' \
    "$fill" "$oldest" "$(val "$work/fill.txt" filled)" "$median" "$max" "$seeks" "$ok" | tee -a "$summary"

  # Timeshift players of the long archive, each reading like a player with a 4 s buffer at the
  # channel's rate, each its own player (User-Agent) of the one line: do they all keep up?
  path="/timeshift/bench/bench/60/$(xc_start $(( (from + to) / 2 )))/$long.ts"
  java -Xmx1g -cp "$work/classes" -Drate=4000000 -Dpace=4 -Dplayers=distinct -Dhz="$hz" -Dpids="$jpid" \
    ViewerLoad 127.0.0.1 "$http" "$path" "$players" "$SECS" > "$work/load-timeshift.txt"
  f=$work/load-timeshift.txt
  printf '== %d timeshift players at 4 Mbit/s for %s s: %s behind real time (below %s Mbit/s), per player min %s / median %s Mbit/s, TTFB median %s ms max %s ms, errors %s, server %.2f cores, load tool %.2f cores\n' \
    "$players" "$SECS" "$(val "$f" behind)" "$(val "$f" behind_below_mbps)" "$(val "$f" viewer_mbps_min)" \
    "$(val "$f" viewer_mbps_median)" "$(val "$f" ttfb_ms_median)" "$(val "$f" ttfb_ms_max)" \
    "$(( $(val "$f" errors) + $(val "$f" non200) + $(val "$f" closed_by_server) + $(val "$f" without_data) ))" \
    "$(echo "$(val "$f" server_cpu_s) / $(val "$f" window_s)" | bc -l)" "$(echo "$(val "$f" load_cpu_s) / $(val "$f" window_s)" | bc -l)" \
    | tee -a "$summary"
  open=$(json "$api/connections?channel=$long&open=true&limit=100000" | { grep -o '"format":"timeshift"' || true; } | wc -l)
  echo "== open timeshift records of the channel right after the run: $open (one per player); load average $(loadavg) at the end" | tee -a "$summary"
fi
