#!/usr/bin/env bash
# Copies the unpacked WildFly dist to SERVER_DIR (once) and applies the PanelX configuration.
#   provision.sh DIST_DIR SERVER_DIR h2|postgresql|mariadb [POSTGRESQL_DRIVER_JAR]
set -euo pipefail
dist=$1 server=$2
if [[ ! -x "$server/bin/standalone.sh" ]]; then
  mkdir -p "$(dirname "$server")"
  rm -rf "$server"
  cp -a "$dist" "$server"
  chmod +x "$server"/bin/*.sh
fi
"$(dirname "$0")/configure.sh" "$server" "${@:3}"
# JMX over the management interface needs a management user (PANELX_JMX_USER/PANELX_JMX_PASSWORD).
"$(dirname "$0")/management-user.sh" "$server"
