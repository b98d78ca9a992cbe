#!/usr/bin/env bash
# Gives the integration tests an empty PanelX database, so the first-start path (schema migration,
# first admin from PANELX_ADMIN_*, demo content) runs on every test run.
#   reset-data.sh SERVER_DIR h2|postgresql
set -euo pipefail
server=$1 db=$2
# A deployment left in the scanner folder (a manual run) would clash with the one the tests deploy.
rm -f "$server"/standalone/deployments/panelx.ear*
case $db in
  h2) rm -rf "$server/standalone/data/panelx" ;;
  postgresql)
    url=${PANELX_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}
    hostport=${url#jdbc:postgresql://}; hostport=${hostport%%/*}
    dbname=${url##*/}; dbname=${dbname%%\?*}
    psql -q -h "${hostport%%:*}" -p "${hostport##*:}" -U "${PANELX_DB_USER:-postgres}" -d "$dbname" \
      -c 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;' ;;
esac
echo "PanelX: test database reset ($db)"
