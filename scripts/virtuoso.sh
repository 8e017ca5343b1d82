#!/usr/bin/env bash
# A throwaway Virtuoso 7 on loopback for the tests, not the system service:
#   scripts/virtuoso.sh start DIR   install if missing, start, wait, grant SPARQL Update
#   scripts/virtuoso.sh stop DIR
# Ports: HTTP $KG_VIRTUOSO_HTTP (8891), SQL $KG_VIRTUOSO_SQL (1112). The anonymous /sparql
# endpoint may update, which is fine on loopback for a test; docs/scale-out.md says how to
# run it with authentication.
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?a folder for the database}
http=${KG_VIRTUOSO_HTTP:-8891}
sql=${KG_VIRTUOSO_SQL:-1112}
ini=/etc/virtuoso-opensource-7/virtuoso.ini

install() {
  command -v virtuoso-t >/dev/null && return
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends virtuoso-opensource
}

configure() {
  mkdir -p "$dir/db"
  sed -e "s#/var/lib/virtuoso-opensource-7/db#$dir/db#g" \
      -e "s#^ServerPort *= *1111#ServerPort = $sql#" \
      -e "s#^ServerPort *= *8890#ServerPort = $http#" \
      -e "s#^DefaultHost *=.*#DefaultHost = localhost:$http#" \
      -e "s#^ResultSetMaxRows *=.*#ResultSetMaxRows = 1000000#" \
      -e "s#^DirsAllowed *=.*#DirsAllowed = ., $dir, /usr/share/virtuoso-opensource-7/vad#" \
      -e "s#^NumberOfBuffers *= *10000#NumberOfBuffers = 170000#" \
      -e "s#^MaxDirtyBuffers *= *6000#MaxDirtyBuffers = 130000#" \
      "$ini" > "$dir/virtuoso.ini"
}

start() {
  install
  if curl -s -o /dev/null "http://127.0.0.1:$http/" 2>/dev/null; then
    echo "port $http already answers: stop that server or set KG_VIRTUOSO_HTTP" >&2
    exit 1
  fi
  configure
  (cd "$dir"; nohup virtuoso-t +configfile "$dir/virtuoso.ini" +foreground \
     < /dev/null > "$dir/stdout.log" 2>&1 & echo $! > "$dir/pid")
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$http/sparql?query=ASK%7B%7D" >/dev/null 2>&1; then
      isql-vt "$sql" dba dba 'exec=GRANT SPARQL_UPDATE TO "SPARQL";' < /dev/null > /dev/null
      echo "virtuoso: http://127.0.0.1:$http/sparql (pid $(cat "$dir/pid"))"
      return
    fi
    sleep 0.5
  done
  echo "virtuoso did not start; its log:" >&2
  tail -20 "$dir/db/virtuoso.log" "$dir/stdout.log" >&2 || true
  exit 1
}

stop() {
  [ -f "$dir/pid" ] || return 0
  kill "$(cat "$dir/pid")" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$(cat "$dir/pid")" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$(cat "$dir/pid")" 2>/dev/null || true
  rm -f "$dir/pid"
}

"$cmd"
