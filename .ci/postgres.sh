# PostgreSQL for test/postgres, sourced by .ci/run: start_postgres exports MICROCRED_TEST_POSTGRES,
# stop_postgres removes what start_postgres made.

# True when the connection string in $1 answers (checked with the pg driver npm ci installed).
postgres_answers() {
  node -e '
    const { Client } = require("pg");
    const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));
  ' "$1" >/dev/null 2>&1
}

# The bin folder of the newest installed server (the client package alone has a bin folder without initdb).
newest_server_bin() {
  local initdb
  initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  [ -n "$initdb" ] && dirname "$initdb"
}

# Runs a server tool as the cluster's owner from inside the cluster's folder (the postgres user may
# not be allowed into the checkout, and the tools want a current directory they can read).
as_cluster_owner() {
  (cd "$PG_DIR" && "${PG_OWNER[@]}" "$@")
}

# A throwaway PostgreSQL cluster on 127.0.0.1 for test/postgres, exported as MICROCRED_TEST_POSTGRES.
# Uses the newest installed server (apt-get installs the Debian package when there is none), the
# first free port from 5432 and a data folder under /tmp, removed on exit. Skipped when
# MICROCRED_TEST_POSTGRES already answers.
start_postgres() {
  local started=$SECONDS
  if [ -n "${MICROCRED_TEST_POSTGRES:-}" ] && postgres_answers "$MICROCRED_TEST_POSTGRES"; then
    echo "ci: PostgreSQL from MICROCRED_TEST_POSTGRES answers; not starting one"
    return 0
  fi
  local as_root=()
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && as_root=(sudo -n)

  local bin
  bin=$(newest_server_bin)
  if [ -z "$bin" ]; then
    echo "ci: installing PostgreSQL (apt-get)"
    "${as_root[@]}" apt-get update -qq &&
      "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null ||
      { echo "ci: apt-get could not install postgresql" >&2; return 1; }
    bin=$(newest_server_bin)
    [ -n "$bin" ] || { echo "ci: postgresql installed but no server under /usr/lib/postgresql" >&2; return 1; }
  fi

  # initdb refuses to run as root: then the cluster belongs to the postgres user the package created.
  PG_OWNER=()
  PG_DIR=$(mktemp -d /tmp/microcred-pg.XXXXXX) || return 1
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "ci: running as root but there is no postgres user" >&2; return 1; }
    chown postgres "$PG_DIR"
    PG_OWNER=(runuser -u postgres --)
  fi

  local port=5432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

  as_cluster_owner "$bin/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; return 1; }
  # Test data only: durability off for speed; room for the concurrency tests' connections.
  as_cluster_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  PG_BIN=$bin

  local password
  password="ci-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  as_cluster_owner "$bin/psql" -h "$PG_DIR" -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE microcred LOGIN PASSWORD '$password'" -c "CREATE DATABASE microcred OWNER microcred" >/dev/null ||
    { echo "ci: could not create the microcred role and database" >&2; return 1; }
  export MICROCRED_TEST_POSTGRES="postgres://microcred:$password@127.0.0.1:$port/microcred"
  echo "ci: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, ready in $((SECONDS - started))s"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  [ -n "${PG_BIN:-}" ] && as_cluster_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
}
