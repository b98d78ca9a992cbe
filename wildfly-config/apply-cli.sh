#!/usr/bin/env bash
# Applies CLI scripts to one configuration file of an unpacked WildFly in one offline (embedded) CLI
# session. Idempotent: a stamp records which scripts were applied; a configuration made with the
# same scripts is left alone, one made with other scripts is redone from a pristine copy of the file.
#   apply-cli.sh SERVER_DIR CONFIG_FILE STAMP_FILE SCRIPT...
#   (e.g. standalone.xml .panelx-config; STAMP_FILE is relative to SERVER_DIR)
set -euo pipefail
server=$1 config=$2 stampfile=$3
shift 3
stamp=$(cat "$@" | sha256sum | cut -c1-16)
cfg="$server/standalone/configuration"
if [[ -f "$server/$stampfile" && "$(cat "$server/$stampfile")" == "$stamp" ]]; then
  echo "PanelX: $server already configured ($config)"
  exit 0
fi
[[ -f "$cfg/$config.pristine" ]] || cp "$cfg/$config" "$cfg/$config.pristine"
cp "$cfg/$config.pristine" "$cfg/$config"
rm -rf "$cfg/${config%.xml}_xml_history"

session=$(mktemp)
trap 'rm -f "$session"' EXIT
{
  echo "embed-server --server-config=$config --std-out=discard"
  for s in "$@"; do cat "$s"; echo; done
  echo "stop-embedded-server"
} > "$session"
chmod +x "$server"/bin/*.sh
echo "PanelX: configuring $server ($config)"
JAVA_OPTS="-Xms64m -XX:TieredStopAtLevel=1" "$server/bin/jboss-cli.sh" --file="$session"
echo "$stamp" > "$server/$stampfile"
