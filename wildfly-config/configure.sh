#!/usr/bin/env bash
# Applies PanelX's CLI scripts to an unpacked WildFly in one offline (embedded) CLI session.
#   configure.sh SERVER_DIR h2|postgresql|mariadb [POSTGRESQL_DRIVER_JAR]
#   configure.sh SERVER_DIR postgresql POSTGRESQL_DRIVER_JAR --cluster
# --cluster also configures standalone-ha.xml as a cluster node (the same scripts plus cluster-*.cli)
# and standalone-load-balancer.xml as the balancer (balancer.cli; logging.cli, whose filters mask
# the passwords in stream URLs the balancer may log); standalone.xml stays a single server.
# The MariaDB driver (module org.mariadb.jdbc) is installed on every server, whatever its database:
# the XC import reads MariaDB/MySQL panels. Its jar: PANELX_MARIADB_DRIVER, default
# wildfly-config/target/drivers/mariadb-java-client.jar (copied there by the build).
# Idempotent (apply-cli.sh): a server configured with the same scripts is left alone, a server
# configured with other scripts is reconfigured from a pristine copy of standalone.xml.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server=$1
db=$2
driver=${3:-}
cluster=${4:-}
mariadb_driver=${PANELX_MARIADB_DRIVER:-$here/target/drivers/mariadb-java-client.jar}

# Before the stamp check: a server configured before the module existed gets it too.
[[ -f $mariadb_driver ]] || { echo "PanelX: MariaDB driver jar not found: $mariadb_driver" >&2; exit 1; }
mkdir -p "$server/modules/org/mariadb/jdbc/main"
cp "$here/modules/org/mariadb/jdbc/main/module.xml" "$server/modules/org/mariadb/jdbc/main/"
cmp -s "$mariadb_driver" "$server/modules/org/mariadb/jdbc/main/mariadb-java-client.jar" \
  || cp "$mariadb_driver" "$server/modules/org/mariadb/jdbc/main/mariadb-java-client.jar"

scripts=("$here/cli/datasource-$db.cli" "$here/cli/executors.cli" "$here/cli/security.cli"
         "$here/cli/http.cli" "$here/cli/logging.cli" "$here/cli/settings.cli" "$here/cli/caches.cli")
if [[ $db == postgresql ]]; then
  [[ -f $driver ]] || { echo "PanelX: PostgreSQL driver jar not found: $driver" >&2; exit 1; }
  mkdir -p "$server/modules/org/postgresql/main"
  cp "$here/modules/org/postgresql/main/module.xml" "$server/modules/org/postgresql/main/"
  cmp -s "$driver" "$server/modules/org/postgresql/main/postgresql.jar" \
    || cp "$driver" "$server/modules/org/postgresql/main/postgresql.jar"
fi

"$here/apply-cli.sh" "$server" standalone.xml .panelx-config "${scripts[@]}"

if [[ $cluster == --cluster ]]; then
  [[ $db == postgresql ]] || { echo "PanelX: a cluster runs on PostgreSQL" >&2; exit 1; }
  "$here/apply-cli.sh" "$server" standalone-ha.xml .panelx-config-ha "${scripts[@]}" \
    "$here/cli/cluster-jgroups.cli" "$here/cli/cluster-infinispan.cli" "$here/cli/cluster-node.cli"
  "$here/apply-cli.sh" "$server" standalone-load-balancer.xml .panelx-config-balancer \
    "$here/cli/balancer.cli" "$here/cli/logging.cli"
fi
