#!/usr/bin/env bash
# Adds (or updates) the management user JMX clients log in with, from PANELX_JMX_USER and
# PANELX_JMX_PASSWORD; without them it does nothing, so a server gets no management user by accident.
#   management-user.sh SERVER_DIR            add or update the user
#   management-user.sh SERVER_DIR --remove   remove it again (the tests' user, after the tests)
# jconsole and other JMX clients reach PanelX's MXBeans over the management interface
# (service:jmx:remote+http://HOST:9990), which authenticates against ManagementRealm
# (standalone/configuration/mgmt-users.properties); bin/add-user.sh is WildFly's way to fill it.
set -euo pipefail
server=$1
user=${PANELX_JMX_USER:-}
password=${PANELX_JMX_PASSWORD:-}
users="$server/standalone/configuration/mgmt-users.properties"
if [[ ${2:-} == --remove ]]; then
  if [[ -n $user && -f $users ]]; then
    sed -i "/^$(printf '%s' "$user" | sed 's/[][\\.*^$/]/\\&/g')=/d" "$users"
  fi
  exit 0
fi
if [[ -z $user || -z $password ]]; then
  exit 0
fi
# The file stores HEX(MD5(user:realm:password)): an unchanged user needs no JVM start.
hash=$(printf '%s:ManagementRealm:%s' "$user" "$password" | md5sum | cut -c1-32)
if grep -qxF "$user=$hash" "$users" 2>/dev/null; then
  exit 0
fi
echo "PanelX: management user '$user' for JMX in $server"
JAVA_OPTS="-Xms32m -XX:TieredStopAtLevel=1" "$server/bin/add-user.sh" --silent \
  -sc "$server/standalone/configuration" -u "$user" -p "$password"
