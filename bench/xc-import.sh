#!/usr/bin/env bash
# Benchmark of the XC import (not part of the test suite): an XC_VM-shaped database of LINES
# (50,000) lines and STREAMS (5,000) live streams in 50 categories and 20 bouquets is generated
# in the local MariaDB (database xc_bench), then imported into a fresh panel on H2 twice: the
# first run creates everything, the second must create nothing. Prints both times, the rows per
# second and the panel's peak heap (sampled every second with jstat) under HEAP (512m).
#   bench/xc-import.sh            (or ./panelx.sh bench import-xc)
#   LINES=50000 STREAMS=5000 HEAP=512m BENCH_PORT_OFFSET=1000 SKIP_BUILD=1 XC_DB_URL=... XC_DB_USER=root
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
LINES=${LINES:-50000}
STREAMS=${STREAMS:-5000}
HEAP=${HEAP:-512m}
offset=${BENCH_PORT_OFFSET:-1000}
work=$root/var/bench-xc
xc_url=${XC_DB_URL:-jdbc:mariadb://127.0.0.1:3306/xc_bench}
xc_user=${XC_DB_USER:-root}
hostport=${xc_url#jdbc:*://}; hostport=${hostport%%/*}; xc_db=${xc_url##*/}
sql() { MYSQL_PWD=${XC_DB_PASSWORD:-} mariadb -h "${hostport%%:*}" -P "${hostport##*:}" -u "$xc_user" "$@"; }

for tool in mariadb curl jstat; do command -v $tool >/dev/null || { echo "bench needs $tool"; exit 1; }; done

cleanup() {
  [[ -n ${sampler:-} ]] && kill "$sampler" 2>/dev/null || true
  [[ -n ${server_pid:-} ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT

echo "== generating $xc_db: $LINES lines, $STREAMS streams, 50 categories, 20 bouquets"
t0=$(date +%s.%N)
sql -e "DROP DATABASE IF EXISTS \`$xc_db\`; CREATE DATABASE \`$xc_db\` CHARACTER SET utf8mb4"
# The fixture's tables (XcImportIT's xc/fixture.sql), without its rows.
sed -n '/^CREATE TABLE/,/;$/p' ear/src/test/resources/xc/fixture.sql | sql "$xc_db"
sql "$xc_db" <<SQL
SET SESSION max_recursive_iterations = 10000000;
INSERT INTO streams_categories (id, category_type, category_name, cat_order)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
SELECT i, 'live', CONCAT('Bench category ', i), i FROM n;
INSERT INTO streams (id, type, category_id, stream_display_name, stream_source, stream_icon,
                     enable_transcode, channel_id, \`order\`, direct_source)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $STREAMS)
SELECT i, 1, CONCAT('[', 1 + MOD(i, 50), ']'), CONCAT('Bench channel ', i),
       CONCAT('["http:\\\\/\\\\/127.0.0.1:9\\\\/s', i, '.ts","http:\\\\/\\\\/127.0.0.1:9\\\\/b', i, '.ts"]'),
       CONCAT('http://logos.invalid/', i, '.png'), IF(MOD(i, 10) = 0, 1, 0), CONCAT('ch', i),
       i, IF(MOD(i, 2) = 0, 1, 0)
FROM n;
INSERT INTO bouquets (id, bouquet_name, bouquet_channels, bouquet_order)
WITH RECURSIVE b(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM b WHERE i < 20)
SELECT b.i, CONCAT('Bench bouquet ', b.i),
       (SELECT CONCAT('[', GROUP_CONCAT(s.id ORDER BY s.id), ']') FROM streams s
         WHERE MOD(s.id, 20) = b.i - 1), b.i
FROM b;
INSERT INTO \`lines\` (id, username, password, exp_date, admin_enabled, enabled, bouquet,
                       max_connections, is_trial, allowed_ips, allowed_ua, created_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $LINES)
SELECT i, CONCAT('bench', i), CONCAT('pw-', i, '-', MD5(i)), UNIX_TIMESTAMP() + 86400 * MOD(i, 365),
       IF(MOD(i, 100) = 0, 0, 1), 1,
       CONCAT('[', 1 + MOD(i, 20), ',', 1 + MOD(i + 7, 20), ',', 1 + MOD(i + 13, 20), ']'),
       1 + MOD(i, 3), IF(MOD(i, 9) = 0, 1, 0), '[]', '[]', UNIX_TIMESTAMP() - i
FROM n;
SQL
printf '   generated in %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"

if [[ -z ${SKIP_BUILD:-} ]]; then echo "== building"; mvn -B -q package -DskipTests; fi
echo "== starting a fresh panel (H2, heap $HEAP, port offset $offset)"
rm -rf "$work"; mkdir -p "$work"
cp -a wildfly-config/target/wildfly-h2 "$work/wildfly"
rm -rf "$work/wildfly/standalone/data" "$work/wildfly/standalone/deployments"/panelx.ear*
cp ear/target/panelx.ear "$work/wildfly/standalone/deployments/"
LAUNCH_JBOSS_IN_BACKGROUND=1 PANELX_ADMIN_PASSWORD=bench-secret PANELX_DEMO=false \
JAVA_OPTS="-Xms128m -Xmx$HEAP -XX:+UseG1GC -Djava.net.preferIPv4Stack=true" \
  "$work/wildfly/bin/standalone.sh" -Djboss.socket.binding.port-offset="$offset" > "$work/server.out" 2>&1 &
server_pid=$!
until [[ -f $work/wildfly/standalone/deployments/panelx.ear.deployed ]]; do
  [[ -f $work/wildfly/standalone/deployments/panelx.ear.failed ]] && { echo "deploy failed"; exit 1; }
  kill -0 $server_pid 2>/dev/null || { echo "server died"; exit 1; }
  sleep 1
done
jpid=$(pgrep -f "jboss.home.dir=$work/wildfly" | head -1)

# Peak heap in use (young + old, MB), sampled every second.
jstat -gc "$jpid" 1000 | awk 'NR > 1 { used = ($3 + $4 + $6 + $8) / 1024; if (used > max) max = used;
  printf "%.0f\n", max > "/dev/stderr" }' 2> "$work/heap-peak" > /dev/null &
sampler=$!

export PANELX_URL="http://127.0.0.1:$((8080 + offset))" PANELX_ADMIN_USER=admin PANELX_ADMIN_PASSWORD=bench-secret
# CPU seconds the server used (user + system), to tell the import's own cost from a busy machine's.
cpu() { awk '{ print ($14 + $15) / 100 }' "/proc/$jpid/stat"; }
for run in first rerun; do
  echo "== import ($run)"
  t0=$(date +%s.%N) c0=$(cpu)
  ./panelx.sh import-xc "$xc_url" "$xc_user" "${XC_DB_PASSWORD:-}" | tee "$work/import-$run.txt" | grep -v '^  [a-z]* [0-9]*/' || true
  secs=$(echo "$(date +%s.%N) - $t0" | bc)
  used=$(echo "$(cpu) - $c0" | bc)
  printf '   %s run: %.1f s (%.0f rows/s), server CPU %.1f s (%.1f s of 2 cores), peak heap so far %s MB\n' \
    "$run" "$secs" "$(echo "($LINES + $STREAMS) / $secs" | bc -l)" "$used" "$(echo "$used / 2" | bc -l)" \
    "$(tail -1 "$work/heap-peak")"
done
created=$(grep -E '^(category|stream|bouquet|line) ' "$work/import-rerun.txt" | awk '{ s += $4 } END { print s + 0 }')
echo "== rerun created $created rows (expected 0)"
[[ $created == 0 ]]
