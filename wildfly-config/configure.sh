#!/usr/bin/env bash
# Applies PanelX's CLI scripts to an unpacked WildFly in one offline (embedded) CLI session.
#   configure.sh SERVER_DIR h2|postgresql|mariadb [POSTGRESQL_DRIVER_JAR]
# The MariaDB driver (module org.mariadb.jdbc) is installed on every server, whatever its database:
# the XC import reads MariaDB/MySQL panels. Its jar: PANELX_MARIADB_DRIVER, default
# wildfly-config/target/drivers/mariadb-java-client.jar (copied there by the build).
# Idempotent: a stamp records which scripts were applied; a server configured with the same
# scripts is left alone, a server configured with other scripts is reconfigured from a pristine copy
# of standalone.xml.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server=$1
db=$2
driver=${3:-}
mariadb_driver=${PANELX_MARIADB_DRIVER:-$here/target/drivers/mariadb-java-client.jar}

# Before the stamp check: a server configured before the module existed gets it too.
[[ -f $mariadb_driver ]] || { echo "PanelX: MariaDB driver jar not found: $mariadb_driver" >&2; exit 1; }
mkdir -p "$server/modules/org/mariadb/jdbc/main"
cp "$here/modules/org/mariadb/jdbc/main/module.xml" "$server/modules/org/mariadb/jdbc/main/"
cmp -s "$mariadb_driver" "$server/modules/org/mariadb/jdbc/main/mariadb-java-client.jar" \
  || cp "$mariadb_driver" "$server/modules/org/mariadb/jdbc/main/mariadb-java-client.jar"

scripts=("$here/cli/datasource-$db.cli" "$here/cli/executors.cli" "$here/cli/security.cli"
         "$here/cli/http.cli" "$here/cli/logging.cli" "$here/cli/settings.cli" "$here/cli/caches.cli")
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
