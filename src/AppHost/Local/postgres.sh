#!/usr/bin/env bash
# Runs PostgreSQL from the OS for local mode: postgres.sh <data folder> <port>
# - initdb (trust auth, user postgres) into the data folder when it is new; later starts reuse it;
# - PostgreSQL refuses to run as root, so initdb and postgres run as the postgres user;
# - on TERM/INT the postmaster gets SIGINT (fast shutdown) and this script waits for it to exit
#   ("exec runuser ..." would get postgres killed on stop instead of shut down).
# Binaries: the newest /usr/lib/postgresql/<version>/bin, or $PLATFORM_POSTGRES_BIN.
set -euo pipefail

data=${1:?usage: postgres.sh <data folder> <port>}
port=${2:?usage: postgres.sh <data folder> <port>}

bin=${PLATFORM_POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[[ -x $bin/postgres ]] || { echo "postgres.sh: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }

as_postgres=()
if [[ $(id -u) -eq 0 ]]; then as_postgres=(runuser -u postgres --); fi

mkdir -p "$data"
if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$data"; fi
chmod 700 "$data"

# A postmaster left over from a run that was killed (orphaned: its parent, or its runuser's
# parent, is gone) still holds the folder: shut it down first. One that another running
# platform owns is left alone.
ppid_of() { awk '/^PPid:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
if [[ -f $data/postmaster.pid ]]; then
  old=$(head -n 1 "$data/postmaster.pid")
  if [[ $old =~ ^[0-9]+$ ]] && grep -qa postgres "/proc/$old/cmdline" 2>/dev/null; then
    parent=$(ppid_of "$old")
    if [[ $parent != 1 ]] && grep -qa runuser "/proc/$parent/cmdline" 2>/dev/null; then parent=$(ppid_of "$parent"); fi
    if [[ $parent != 1 ]]; then
      echo "postgres.sh: $data is in use by a running postmaster (pid $old); another platform uses this data folder" >&2
      exit 1
    fi
    echo "postgres.sh: stopping a leftover postmaster (pid $old)"
    kill -INT "$old" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
  fi
fi

if [[ ! -s $data/PG_VERSION ]]; then
  echo "postgres.sh: initdb into $data"
  "${as_postgres[@]}" "$bin/initdb" --pgdata="$data" --username=postgres --auth=trust \
    --encoding=UTF8 --no-locale --no-sync >/dev/null
fi

echo "postgres.sh: starting $bin/postgres on 127.0.0.1:$port, data in $data"
"${as_postgres[@]}" "$bin/postgres" -D "$data" -p "$port" \
  -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=300 &
runner=$!

postmaster_pid() {
  local pid
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; return; fi
  ps -o pid= --ppid "$runner" 2>/dev/null | head -n 1 | tr -d ' '
}

stop() {
  trap '' TERM INT
  local pid
  pid=$(postmaster_pid)
  echo "postgres.sh: fast shutdown (SIGINT to postmaster ${pid:-?})"
  if [[ -n $pid ]]; then kill -INT "$pid" 2>/dev/null || true; else kill -TERM "$runner" 2>/dev/null || true; fi
  wait "$runner" 2>/dev/null || true
  exit 0
}
trap stop TERM INT

set +e
wait "$runner"
status=$?
exit "$status"
