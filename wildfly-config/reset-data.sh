#!/usr/bin/env bash
# Gives the integration tests an empty PanelX database, so the first-start path (schema migration,
# first admin from PANELX_ADMIN_*, demo content) runs on every test run.
#   reset-data.sh SERVER_DIR h2|postgresql|mariadb
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
  mariadb)
    url=${PANELX_DB_URL:-jdbc:mariadb://127.0.0.1:3306/test}
    hostport=${url#jdbc:*://}; hostport=${hostport%%/*}
    dbname=${url##*/}; dbname=${dbname%%\?*}
    MYSQL_PWD=${PANELX_DB_PASSWORD:-} mariadb -h "${hostport%%:*}" -P "${hostport##*:}" -u "${PANELX_DB_USER:-root}" \
      -e "DROP DATABASE IF EXISTS \`$dbname\`; CREATE DATABASE \`$dbname\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;" ;;
esac
echo "PanelX: test database reset ($db)"
