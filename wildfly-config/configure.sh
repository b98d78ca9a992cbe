#!/usr/bin/env bash
# Applies PanelX's CLI scripts to an unpacked WildFly in one offline (embedded) CLI session.
#   configure.sh SERVER_DIR h2|postgresql [POSTGRESQL_DRIVER_JAR]
# Idempotent: a stamp records which scripts were applied; a server configured with the same
# scripts is left alone, a server configured with other scripts is reconfigured from a pristine copy
# of standalone.xml.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server=$1
db=$2
driver=${3:-}

scripts=("$here/cli/datasource-$db.cli" "$here/cli/executors.cli" "$here/cli/security.cli"
         "$here/cli/http.cli" "$here/cli/logging.cli" "$here/cli/settings.cli")
stamp=$(cat "${scripts[@]}" | sha256sum | cut -c1-16)
cfg="$server/standalone/configuration"
if [[ -f "$server/.panelx-config" && "$(cat "$server/.panelx-config")" == "$stamp" ]]; then
  echo "PanelX: $server already configured ($db)"
  exit 0
fi
[[ -f "$cfg/standalone.xml.pristine" ]] || cp "$cfg/standalone.xml" "$cfg/standalone.xml.pristine"
cp "$cfg/standalone.xml.pristine" "$cfg/standalone.xml"
rm -rf "$cfg/standalone_xml_history"

if [[ $db == postgresql ]]; then
  [[ -f $driver ]] || { echo "PanelX: PostgreSQL driver jar not found: $driver" >&2; exit 1; }
  mkdir -p "$server/modules/org/postgresql/main"
  cp "$here/modules/org/postgresql/main/module.xml" "$server/modules/org/postgresql/main/"
  cp "$driver" "$server/modules/org/postgresql/main/postgresql.jar"
fi

session=$(mktemp)
trap 'rm -f "$session"' EXIT
{
  echo "embed-server --server-config=standalone.xml --std-out=discard"
  for s in "${scripts[@]}"; do cat "$s"; echo; done
  echo "stop-embedded-server"
} > "$session"
chmod +x "$server"/bin/*.sh
echo "PanelX: configuring $server for $db"
JAVA_OPTS="-Xms64m -XX:TieredStopAtLevel=1" "$server/bin/jboss-cli.sh" --file="$session"
echo "$stamp" > "$server/.panelx-config"
