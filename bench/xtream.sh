#!/usr/bin/env bash
# Benchmark of the Xtream surface on a running panel (not part of the test suite).
#
#   PANELX_ADMIN_PASSWORD=... bench/xtream.sh [BASE_URL]       (default http://127.0.0.1:8080)
#
# Creates (once) 5,000 channels in 25 categories and a line "bench" through the admin REST API,
# then measures with hey (apt-get install -y hey):
#   - get_live_streams for that line: median latency (one client, sequential), and requests/s;
#   - login (player_api.php without action): requests/s;
#   - get.php (m3u_plus, 5,000 entries): requests/s.
# Settings: CHANNELS (5000), ADMIN_USER (admin), PARALLEL (8, channel creation).
set -euo pipefail

base=${1:-http://127.0.0.1:8080}
admin_user=${ADMIN_USER:-admin}
admin_password=${PANELX_ADMIN_PASSWORD:?set PANELX_ADMIN_PASSWORD to the panel admin password}
channels=${CHANNELS:-5000}
parallel=${PARALLEL:-8}
line_user=bench
line_password=bench-pw

command -v hey >/dev/null || { echo "hey not found: apt-get install -y hey" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 1; }

# One FORM login, then its session cookie: HTTP Basic would verify the admin's password hash
# (deliberately slow) on each of the 5,000 calls.
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
curl -sS -o /dev/null -c "$jar" -b "$jar" "$base/admin/" || true
curl -sS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "j_username=$admin_user" \
     --data-urlencode "j_password=$admin_password" "$base/j_security_check" || true
auth=(-b "$jar")
if ! curl -sf -o /dev/null "${auth[@]}" "$base/api/v1/categories"; then
  auth=(-u "$admin_user:$admin_password")
fi

api() { # METHOD PATH [JSON]
  curl -sS "${auth[@]}" -H 'Content-Type: application/json' -X "$1" "$base/api/v1$2" ${3:+-d "$3"}
}

curl -sfS -o /dev/null "${auth[@]}" "$base/api/v1/categories" \
  || { echo "cannot reach the admin API at $base (check the URL and admin password)" >&2; exit 1; }

# --- fixtures (idempotent: bench-* names are reused on later runs)
category_ids=()
existing_categories=$(api GET /categories)
for i in $(seq -w 1 25); do
  id=$(printf '%s' "$existing_categories" | grep -o "{[^}]*\"name\":\"bench-category-$i\"[^}]*}" \
         | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2 || true)
  if [[ -z $id ]]; then
    id=$(api POST /categories "{\"name\":\"bench-category-$i\"}" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
  fi
  category_ids+=("$id")
done

have=$( { api GET /channels | grep -o '"name":"bench-channel-[0-9]*"' || true; } | wc -l)
if (( have < channels )); then
  echo "creating $((channels - have)) channels ($parallel in parallel)..."
  started=$(date +%s)
  seq $((have + 1)) "$channels" | while read -r n; do
    cat="${category_ids[$(( n % 25 ))]}"
    printf '{"name":"bench-channel-%05d","categoryId":%s,"epgId":"bench%05d.tv","logo":"http://logos.example/%05d.png","deliveryMode":"DIRECT","sources":["http://127.0.0.1:9/%05d.ts"]}\n' \
      "$n" "$cat" "$n" "$n" "$n"
  done | xargs -d '\n' -P "$parallel" -I{} \
      curl -sS -o /dev/null "${auth[@]}" \
           -H 'Content-Type: application/json' -X POST "$base/api/v1/channels" -d '{}'
  echo "created in $(( $(date +%s) - started )) s"
fi

if ! api GET /lines | grep -q "\"username\":\"$line_user\"" ; then
  api POST /lines "{\"username\":\"$line_user\",\"password\":\"$line_password\",\"maxConnections\":10,\"neverExpires\":true}" >/dev/null
fi

creds="username=$line_user&password=$line_password"
streams_url="$base/player_api.php?$creds&action=get_live_streams"
count=$( { curl -sS "$streams_url" | grep -o '"stream_id":' || true; } | wc -l)
echo "get_live_streams lists $count channels for line $line_user"
(( count >= channels )) || { echo "expected at least $channels channels" >&2; exit 1; }
bytes=$(curl -sS -o /dev/null -w '%{size_download}' "$streams_url")

# --- measurements
for _ in $(seq 20); do curl -sS -o /dev/null "$streams_url"; done # warm up the JIT and the caches

median() { awk '/50% in/ {printf "%.1f", $3 * 1000}'; }
rps() { awk '/Requests\/sec/ {printf "%.0f", $2}'; }

streams_seq=$(hey -n 300 -c 1 "$streams_url")
streams_conc=$(hey -n 600 -c 4 "$streams_url")
login=$(hey -n 20000 -c 16 "$base/player_api.php?$creds")
playlist=$(hey -n 400 -c 4 "$base/get.php?$creds&type=m3u_plus&output=ts")
playlist_bytes=$(curl -sS -o /dev/null -w '%{size_download}' "$base/get.php?$creds&type=m3u_plus&output=ts")

echo
echo "PanelX Xtream benchmark against $base ($(nproc) cores), line with $count channels"
printf '  get_live_streams  median %s ms (1 client, 300 requests, %s bytes each)\n' \
  "$(median <<<"$streams_seq")" "$bytes"
printf '  get_live_streams  %s requests/s, median %s ms (4 clients, 600 requests)\n' \
  "$(rps <<<"$streams_conc")" "$(median <<<"$streams_conc")"
printf '  login             %s requests/s, median %s ms (16 clients, 20000 requests)\n' \
  "$(rps <<<"$login")" "$(median <<<"$login")"
printf '  get.php m3u_plus  %s requests/s, median %s ms (4 clients, 400 requests, %s bytes each)\n' \
  "$(rps <<<"$playlist")" "$(median <<<"$playlist")" "$playlist_bytes"
for r in "$streams_seq" "$streams_conc" "$login" "$playlist"; do
  if grep -q 'Error distribution' <<<"$r"; then
    echo "WARNING: some requests failed:"; sed -n '/Error distribution/,$p' <<<"$r"
  fi
  if grep -A20 'Status code distribution' <<<"$r" | grep -E '^\s+\[[^2]' ; then
    echo "WARNING: non-2xx answers above"
  fi
done
