#!/usr/bin/env bash
# PanelX command line.
#   ./panelx.sh run      build, then start the panel on the embedded default (H2 file, bundled
#                        WildFly, demo line and channel); ctrl-c stops it.
#   ./panelx.sh test     install what the tests need (FFmpeg, mpv, Chromium) and run the whole suite
#                        on H2, PostgreSQL and MariaDB.
#   ./panelx.sh bench    run the benchmarks (see README).
#   ./panelx.sh node N   start cluster node N (1-9) on PostgreSQL in var/cluster/nodeN, port offset
#                        N*100 (node1: http://127.0.0.1:8180); ctrl-c stops it. See README "Cluster".
#   ./panelx.sh balancer start the cluster's balancer in var/cluster/balancer (http://127.0.0.1:8080).
#   ./panelx.sh import-xc JDBC_URL USER PASSWORD [--dry-run]
#                        import an Xtream UI / XC_VM panel's database into the running panel
#                        (PANELX_URL, PANELX_ADMIN_USER, PANELX_ADMIN_PASSWORD); PASSWORD - asks.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

info() { printf '\033[1mPanelX:\033[0m %s\n' "$*"; }

# Installs Debian packages when they are missing and we may (root, or sudo without a password).
ensure_packages() {
  local missing=()
  for spec in "$@"; do
    local cmd=${spec%%:*} pkg=${spec##*:}
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      info "missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}"
      return 1
    fi
  fi
  info "installing ${missing[*]} (apt-get)"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# FFmpeg from PATH, else from Debian, else the static build packaged in a Maven Central jar.
ensure_ffmpeg() {
  if command -v ffmpeg >/dev/null 2>&1; then echo ffmpeg; return; fi
  if ensure_packages ffmpeg:ffmpeg >/dev/null 2>&1 && command -v ffmpeg >/dev/null; then echo ffmpeg; return; fi
  local fallback="$root/var/ffmpeg/ffmpeg"
  if [[ ! -x $fallback ]]; then
    info "no ffmpeg on PATH: unpacking the static FFmpeg 4.4 from ws.schild:jave-nativebin-linux64" >&2
    mvn -B -q dependency:unpack -Dartifact=ws.schild:jave-nativebin-linux64:3.5.0 \
        -DoutputDirectory="$root/var/ffmpeg/jar" >&2
    mkdir -p "$root/var/ffmpeg"
    cp "$root/var/ffmpeg/jar/ws/schild/jave/nativebin/ffmpeg-amd64" "$fallback"
    chmod +x "$fallback"
  fi
  echo "$fallback"
}

# A second start would redeploy into the running server's folder and then fail to bind: say so.
refuse_busy_ports() {
  local host=${PANELX_BIND:-127.0.0.1} port
  [[ $host == 0.0.0.0 ]] && host=127.0.0.1
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
      info "port $port on $host is in use: is PanelX (or another server) already running? Stop it first."
      exit 1
    fi
  done
}

# Starts WildFly in SERVER_DIR with ARGS in the background ($server_pid: its standalone.sh) and
# stops it on INT/TERM. In background mode standalone.sh relays INT/TERM to the JVM, so stopping
# leaves no process.
launch() {
  local server=$1
  shift
  LAUNCH_JBOSS_IN_BACKGROUND=1 "$server/bin/standalone.sh" "$@" &
  server_pid=$!
  trap 'info "stopping"; kill -TERM $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; exit 0' INT TERM
}

# Waits until the panelx.ear deployment of the server in SERVER_DIR is done (0) or failed (1).
deployed() {
  local marker="$1/standalone/deployments/panelx.ear"
  while kill -0 $server_pid 2>/dev/null && [[ ! -f $marker.deployed && ! -f $marker.failed ]]; do sleep 0.5; done
  if [[ -f $marker.failed ]]; then info "deployment failed: $(cat "$marker.failed")"; fi
  [[ -f $marker.deployed ]]
}

run() {
  refuse_busy_ports 8080 9990
  info "building (mvn package)"
  mvn -B -q package -DskipTests
  local built="$root/wildfly-config/target/wildfly-h2" server="$root/var/wildfly"
  local db=${PANELX_DB:-h2} wanted
  wanted="$(cat "$built/.panelx-config") $db"
  # The run server lives outside target/ so that `mvn clean` never deletes an operator's data.
  if [[ ! -f $server/.panelx-built || "$(cat "$server/.panelx-built")" != "$wanted" ]]; then
    info "installing WildFly into var/wildfly (data in var/wildfly/standalone/data is kept)"
    local keep=""
    if [[ -d $server/standalone/data ]]; then keep=$(mktemp -d); mv "$server/standalone/data" "$keep/"; fi
    rm -rf "$server"; mkdir -p "$root/var"; cp -a "$built" "$server"
    rm -rf "$server/standalone/data" "$server/standalone/deployments"/panelx.ear*
    if [[ -n $keep ]]; then mv "$keep/data" "$server/standalone/"; rmdir "$keep"; fi
    case $db in
      postgresql) "$root/wildfly-config/configure.sh" "$server" postgresql "$root/wildfly-config/target/drivers/postgresql.jar" ;;
      mariadb) "$root/wildfly-config/configure.sh" "$server" mariadb ;;
    esac
    echo "$wanted" > "$server/.panelx-built"
  fi
  # Management users are the operator's own: start from the distribution's empty list (never a
  # test user), then add PANELX_JMX_USER / PANELX_JMX_PASSWORD when they are set.
  local users=standalone/configuration/mgmt-users.properties
  [[ -f $server/.panelx-users ]] || { cp "$root/wildfly-config/target/dist/wildfly-"*/$users "$server/$users"; touch "$server/.panelx-users"; }
  "$root/wildfly-config/management-user.sh" "$server"
  PANELX_FFMPEG=${PANELX_FFMPEG:-$(ensure_ffmpeg)}
  export PANELX_FFMPEG
  rm -f "$server/standalone/deployments"/panelx.ear.*
  cp "$root/ear/target/panelx.ear" "$server/standalone/deployments/"
  info "starting WildFly (ffmpeg: $PANELX_FFMPEG); logs in var/wildfly/standalone/log"
  launch "$server" -Djboss.bind.address="${PANELX_BIND:-127.0.0.1}"
  if deployed "$server"; then
    local base="http://${PANELX_BIND:-127.0.0.1}:8080"
    cat <<MSG

  PanelX is up.
    Dashboard     $base/admin/        (admin login; the first start prints a generated password
                                       above unless PANELX_ADMIN_PASSWORD was set)
    REST API      $base/api/v1/channels   (curl -u admin:PASSWORD)
    Demo stream   $base/live/demo/demo/1.ts      (mpv, VLC, ffplay)
    Playlist      $base/get.php?username=demo&password=demo&type=m3u_plus&output=ts
    Player API    $base/player_api.php?username=demo&password=demo
  Stop with ctrl-c.

MSG
  fi
  wait $server_pid
}

# --- Cluster (README "Cluster"): nodes on a shared PostgreSQL behind WildFly's mod_cluster balancer.
# One WildFly is configured for both roles (var/cluster/wildfly: standalone-ha.xml for nodes,
# standalone-load-balancer.xml for the balancer; never started itself) and copied into one folder
# per node and one for the balancer. PANELX_CLUSTER_DIR moves them (the tests use their own).
cluster_dir=${PANELX_CLUSTER_DIR:-$root/var/cluster}

# The EAR a node deploys: PANELX_EAR as it is, else ear/target/panelx.ear, built when it is missing
# or older than a source, or when the WildFly distribution has not been unpacked yet.
cluster_ear() {
  if [[ -n ${PANELX_EAR:-} ]]; then echo "$PANELX_EAR"; return; fi
  local ear="$root/ear/target/panelx.ear"
  if [[ ! -f $ear || ! -d $root/wildfly-config/target/dist ]] \
     || [[ -n $(find "$root"/{ejb,web}/src/main "$root"/{ejb,web,ear}/pom.xml "$root/pom.xml" -newer "$ear" -print -quit) ]]; then
    info "building (mvn package)" >&2
    mvn -B -q package -DskipTests >&2
  fi
  echo "$ear"
}

# Provisions $cluster_dir/NAME (node1..node9, balancer) from the configured WildFly, once per
# configuration: a folder made from another configuration is made again (its standalone/data kept).
cluster_server() {
  local name=$1 template="$cluster_dir/wildfly" dist
  dist=$(echo "$root"/wildfly-config/target/dist/wildfly-*)
  [[ -x $dist/bin/standalone.sh ]] || { info "no WildFly in wildfly-config/target/dist: run mvn package" >&2; exit 1; }
  mkdir -p "$cluster_dir"
  # Nodes started side by side (the tests start two at once) provision one at a time.
  exec 9>"$cluster_dir/.lock"
  flock 9
  if [[ ! -f $template/.panelx-dist || "$(cat "$template/.panelx-dist")" != "$dist" ]]; then
    rm -rf "$template"; cp -a "$dist" "$template"; echo "$dist" > "$template/.panelx-dist"
  fi
  "$root/wildfly-config/configure.sh" "$template" postgresql "$root/wildfly-config/target/drivers/postgresql.jar" --cluster >&2
  local server="$cluster_dir/$name" wanted
  wanted=$(cat "$template/.panelx-config-ha" "$template/.panelx-config-balancer" | tr '\n' ' ')
  if [[ ! -f $server/.panelx-built || "$(cat "$server/.panelx-built")" != "$wanted" ]]; then
    info "installing WildFly into $server" >&2
    local keep=""
    if [[ -d $server/standalone/data ]]; then keep=$(mktemp -d); mv "$server/standalone/data" "$keep/"; fi
    rm -rf "$server"; cp -a "$template" "$server"
    rm -rf "$server/standalone/data"
    if [[ -n $keep ]]; then mv "$keep/data" "$server/standalone/"; rmdir "$keep"; fi
    echo "$wanted" > "$server/.panelx-built"
  fi
  flock -u 9
  exec 9>&-
  echo "$server"
}

# The secret nodes show each other on their internal routes: PANELX_CLUSTER_SECRET, else one made
# once for this machine's nodes (var/cluster/secret, readable by its owner only). Every node of a
# cluster needs the same: copy that file's content into PANELX_CLUSTER_SECRET on the other machines.
cluster_secret() {
  if [[ -n ${PANELX_CLUSTER_SECRET:-} ]]; then return; fi
  local file="$cluster_dir/secret"
  if [[ ! -s $file ]]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -d '=+/\n' > "$file.tmp" && mv "$file.tmp" "$file")
  fi
  chmod 600 "$file"
  PANELX_CLUSTER_SECRET=$(cat "$file")
}

cluster_node() {
  local n=${1:-}
  [[ $n =~ ^[1-9]$ ]] || { echo "usage: ./panelx.sh node N   (N = 1..9)" >&2; exit 2; }
  local offset=${PANELX_PORT_OFFSET:-$((n * 100))} ear server
  refuse_busy_ports $((8080 + offset)) $((9990 + offset))
  ear=$(cluster_ear)
  server=$(cluster_server "node$n")
  "$root/wildfly-config/management-user.sh" "$server"
  cluster_secret
  export PANELX_CLUSTER_SECRET
  # cluster-node.cli reads the balancer's MCMP address as two variables.
  local balancer=${PANELX_BALANCER:-127.0.0.1:8090}
  export PANELX_BALANCER_HOST=${balancer%:*} PANELX_BALANCER_PORT=${balancer##*:}
  PANELX_FFMPEG=${PANELX_FFMPEG:-$(ensure_ffmpeg)}
  export PANELX_FFMPEG
  rm -f "$server/standalone/deployments"/panelx.ear*
  cp "$ear" "$server/standalone/deployments/panelx.ear"
  local url="http://${PANELX_NODE_HOST:-127.0.0.1}:$((8080 + offset))"
  info "starting node$n ($url, balancer $balancer, database ${PANELX_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}); logs in $server/standalone/log"
  launch "$server" --server-config=standalone-ha.xml -Djboss.node.name="node$n" \
    -Djboss.socket.binding.port-offset="$offset" -Djboss.bind.address="${PANELX_BIND:-127.0.0.1}" \
    -Djboss.bind.address.private="${PANELX_PRIVATE_BIND:-127.0.0.1}" -Dpanelx.node-url="$url"
  if deployed "$server"; then
    info "node$n is up: $url/admin/ (players go through the balancer); ctrl-c stops it"
  fi
  wait $server_pid
}

cluster_balancer() {
  local offset=${PANELX_PORT_OFFSET:-0} server host=${PANELX_BIND:-127.0.0.1}
  refuse_busy_ports $((8080 + offset)) $((9990 + offset))
  [[ -d $root/wildfly-config/target/dist ]] || { info "building (mvn package)"; mvn -B -q package -DskipTests; }
  server=$(cluster_server balancer)
  # The balancer's model (its nodes and contexts) is read over its management interface.
  "$root/wildfly-config/management-user.sh" "$server"
  info "starting the balancer (players: http://$host:$((8080 + offset)), nodes register on ${PANELX_PRIVATE_BIND:-127.0.0.1}:$((8090 + offset))); logs in $server/standalone/log"
  launch "$server" --server-config=standalone-load-balancer.xml -Djboss.node.name=balancer \
    -Djboss.socket.binding.port-offset="$offset" -Djboss.bind.address="${PANELX_BIND:-127.0.0.1}" \
    -Djboss.bind.address.private="${PANELX_PRIVATE_BIND:-127.0.0.1}"
  [[ $host == 0.0.0.0 ]] && host=127.0.0.1
  while kill -0 $server_pid 2>/dev/null && ! (exec 3<>"/dev/tcp/$host/$((8080 + offset))") 2>/dev/null; do sleep 0.5; done
  kill -0 $server_pid 2>/dev/null && info "the balancer is up: http://$host:$((8080 + offset)); ctrl-c stops it"
  wait $server_pid
}

test_all() {
  ensure_packages ffmpeg:ffmpeg ffprobe:ffmpeg mpv:mpv chromium:chromium chromedriver:chromium-driver \
    iptables:iptables ss:iproute2 \
    || info "continuing without some tools: the tests that need them will fail and say so"
  mvn -B clean verify -Ppostgresql,mariadb "$@"
}

# JSON string literal of $1 (quotes, backslashes and control characters escaped).
json_string() {
  local s=$1 out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      '"') out+='\"' ;;
      '\') out+='\\' ;;
      *) if [[ $c < ' ' ]]; then out+=$(printf '\\u%04x' "'$c"); else out+=$c; fi ;;
    esac
  done
  printf '"%s"' "$out"
}

# Starts an XC import on the running panel and prints its progress, then its report. Passwords go
# to curl on stdin, never on a command line (ps) or the terminal.
import_xc() {
  local url=${1:-} user=${2:-} password=${3:-} dry=false
  [[ ${4:-} == --dry-run || ${4:-} == -n ]] && dry=true
  if [[ -z $url || -z $user || $# -lt 3 ]]; then
    echo "usage: ./panelx.sh import-xc JDBC_URL USER PASSWORD [--dry-run]   (PASSWORD - asks)" >&2; exit 2
  fi
  if [[ $password == - ]]; then read -rsp "XC database password: " password; echo >&2; fi
  local panel=${PANELX_URL:-http://127.0.0.1:8080} admin=${PANELX_ADMIN_USER:-admin} secret=${PANELX_ADMIN_PASSWORD:-}
  if [[ -z $secret ]]; then read -rsp "PanelX password of $admin: " secret; echo >&2; fi
  local api="$panel/api/v1/import/xc" body code out
  body=$(mktemp); out=$(mktemp); chmod 600 "$body" "$out"
  trap 'rm -f "$body" "$out"' RETURN
  printf '{"url":%s,"user":%s,"password":%s,"dryRun":%s}' \
    "$(json_string "$url")" "$(json_string "$user")" "$(json_string "$password")" "$dry" > "$body"
  auth() { printf 'user = %s\n' "$(json_string "$admin:$secret")"; }
  code=$(auth | curl -s -K - -o "$out" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$body" "$api") || { info "cannot reach PanelX at $panel (is it running?)"; exit 1; }
  rm -f "$body"
  if [[ $code != 202 ]]; then info "import refused (HTTP $code): $(cat "$out")"; exit 1; fi
  info "importing from $url$([[ $dry == true ]] && echo ' (dry run: nothing is changed)')"
  local last="" line
  while :; do
    auth | curl -s -K - -H 'Accept: text/plain' -o "$out" "$api" || { info "lost PanelX at $panel"; exit 1; }
    line=$(head -1 "$out")
    case $line in
      RUNNING*) [[ $line != "$last" ]] && echo "  ${line#RUNNING }"; last=$line; sleep 1 ;;
      DONE*) tail -n +2 "$out"; info "import done"; return 0 ;;
      *) tail -n +2 "$out"; info "import failed: ${line}"; exit 1 ;;
    esac
  done
}

case "${1:-}" in
  run) shift; run "$@" ;;
  test) shift; test_all "$@" ;;
  bench) shift; exec "$root/bench/run.sh" "$@" ;;
  import-xc) shift; import_xc "$@" ;;
  node) shift; cluster_node "$@" ;;
  balancer) shift; cluster_balancer "$@" ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
