#!/usr/bin/env bash
# .ci/pg-setup.sh — make a PostgreSQL database available for the test suite.
#
# Prints a DSN (postgres://...) as the LAST line of stdout; all progress goes
# to stderr. Handles: server running (trust or password auth), installed but
# stopped, installed without a cluster, and not installed at all (apt).
#
# Preferred path: connect over the unix socket as the `postgres` OS user
# (peer/trust auth), create/refresh the role `shopdojo_ci` with a random
# password plus a database `shopdojo_ci` owned by it, and hand out a TCP DSN
# with that password. This never assumes trust auth on TCP. Only if that is
# impossible do we fall back to postgres@127.0.0.1 with trust.
set -euo pipefail

# Keep stdout clean: everything goes to stderr except the final DSN (fd 3).
exec 3>&1 1>&2

ROLE=shopdojo_ci
DB=shopdojo_ci
HOST=127.0.0.1
export PGCONNECT_TIMEOUT=5
# Ambient libpq settings must not change which server/user we talk to.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE PGSSLMODE || true

log() { printf '[pg-setup] %s\n' "$*" >&2; }

# Commands that may spawn the long-lived postmaster (apt-get's postinst,
# pg_ctlcluster) must not leak our pipes to it: a daemon holding the stdout
# pipe (fd 3) would make `DSN=$(.ci/pg-setup.sh)` wait forever, and one holding
# the caller's stderr would stall `... 2>&1 | tee log`. So run them with every
# fd above 2 closed, stdin from /dev/null, and output via a temp file that is
# replayed to stderr afterwards.
detached() {
	local out rc=0
	out=$(mktemp)
	(
		for f in /proc/"$BASHPID"/fd/*; do
			f=${f##*/}
			if [ "$f" -gt 2 ] 2>/dev/null; then eval "exec $f>&-" 2>/dev/null || true; fi
		done
		"$@"
	) </dev/null >"$out" 2>&1 || rc=$?
	cat "$out" >&2
	rm -f "$out"
	return "$rc"
}
die() { log "ERROR: $*"; exit 1; }

# Run a command as root (CI runs as root; sudo -n as a courtesy elsewhere).
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo -n "$@"
	else
		log "ERROR: need root to run: $*"
		return 1
	fi
}

# Run a command as the postgres OS user (for peer auth on the unix socket).
as_postgres() {
	if [ "$(id -un)" = postgres ]; then
		(cd / && "$@")
	elif [ "$(id -u)" -eq 0 ]; then
		if command -v runuser >/dev/null 2>&1; then
			(cd / && runuser -u postgres -- "$@")
		else
			(cd / && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
		fi
	elif command -v sudo >/dev/null 2>&1 && sudo -n -u postgres true 2>/dev/null; then
		(cd / && sudo -n -u postgres -- "$@")
	else
		return 1
	fi
}

have_server() {
	command -v pg_lsclusters >/dev/null 2>&1 &&
		command -v psql >/dev/null 2>&1 &&
		compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

# --- 1. install ---------------------------------------------------------------
if ! have_server; then
	log "PostgreSQL not installed; installing via apt"
	export DEBIAN_FRONTEND=noninteractive
	# .ci/run sets SHOPDOJO_APT_UPDATED=1 when it already ran apt-get update.
	if [ "${SHOPDOJO_APT_UPDATED:-0}" != 1 ]; then as_root apt-get update -qq; fi
	detached as_root apt-get install -y -q postgresql postgresql-client
	have_server || die "PostgreSQL still not usable after apt-get install"
fi

# --- 2. pick a cluster (create one if none) -------------------------------------
# pg_lsclusters -h: "ver cluster port status owner datadir logfile"
list_clusters() { pg_lsclusters -h 2>/dev/null | awk 'NF >= 4 { print $1, $2, $3, $4 }' | sort -V -r; }

CLUSTERS=$(list_clusters)
if [ -z "$CLUSTERS" ]; then
	VER=$(ls /usr/lib/postgresql | sort -V | tail -n1)
	[ -n "$VER" ] || die "no PostgreSQL version found under /usr/lib/postgresql"
	log "no cluster found; creating $VER/main"
	detached as_root pg_createcluster "$VER" main
	CLUSTERS=$(list_clusters)
	[ -n "$CLUSTERS" ] || die "pg_createcluster $VER main did not produce a cluster"
fi
log "clusters: $(echo "$CLUSTERS" | tr '\n' ';')"

# Prefer an online cluster (newest version first); otherwise the newest one.
SEL=$(echo "$CLUSTERS" | awk '$4 ~ /^online/ { print; exit }')
[ -n "$SEL" ] || SEL=$(echo "$CLUSTERS" | head -n1)
read -r VER NAME PORT STATUS <<<"$SEL"
log "using cluster $VER/$NAME (port $PORT, status $STATUS)"

# --- 3. start it if needed ------------------------------------------------------
if [[ "$STATUS" != online* ]]; then
	log "starting cluster $VER/$NAME"
	detached as_root pg_ctlcluster --skip-systemctl-redirect "$VER" "$NAME" start ||
		die "pg_ctlcluster $VER $NAME start failed (see /var/log/postgresql/postgresql-$VER-$NAME.log)"
	# Re-read the port in case it changed with the start.
	PORT=$(pg_lsclusters -h | awk -v v="$VER" -v n="$NAME" '$1 == v && $2 == n { print $3 }')
fi

log "waiting for server on $HOST:$PORT"
ready=0
for _ in $(seq 1 60); do
	if pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; then ready=1; break; fi
	sleep 0.5
done
[ "$ready" -eq 1 ] || die "server $VER/$NAME is not accepting TCP connections on $HOST:$PORT"

verify() { psql -X -w -q -At "$1" -c 'select 1' >/dev/null 2>&1; }
redact() { printf '%s' "$1" | sed -E 's#(://[^:/@]+:)[^@]*@#\1***@#'; }

emit() {
	log "DSN verified: $(redact "$1")"
	printf '%s\n' "$1" >&3
	exit 0
}

# --- 4. preferred path: dedicated role via peer auth on the unix socket ----------
psql_admin() { as_postgres psql -X -w -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres "$@"; }

if psql_admin -Atc 'select 1' >/dev/null 2>&1; then
	log "connected as postgres via unix socket; provisioning role/db $ROLE"
	# Hex only: safe inside a SQL literal and a URL without escaping.
	PW=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
	[ ${#PW} -eq 48 ] || die "could not generate a password"
	# SQL goes through stdin so the password never shows up in argv.
	psql_admin <<SQL
SELECT format('CREATE ROLE %I', '$ROLE')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') \gexec
ALTER ROLE $ROLE WITH LOGIN CREATEDB SUPERUSER PASSWORD '$PW';
SELECT format('CREATE DATABASE %I OWNER %I', '$DB', '$ROLE')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB') \gexec
ALTER DATABASE $DB OWNER TO $ROLE;
SQL
	DSN="postgres://$ROLE:$PW@$HOST:$PORT/$DB?sslmode=disable"
	if verify "$DSN"; then
		emit "$DSN"
	fi
	log "role $ROLE was provisioned but TCP login with its password failed; check pg_hba.conf host rules"
else
	log "cannot connect as the postgres OS user over the unix socket"
fi

# --- 5. fallback: trust auth on TCP ----------------------------------------------
for db in test postgres; do
	DSN="postgres://postgres@$HOST:$PORT/$db?sslmode=disable"
	if verify "$DSN"; then
		log "falling back to trust auth"
		emit "$DSN"
	fi
done

die "no working DSN for $VER/$NAME on $HOST:$PORT (peer provisioning and trust fallback both failed)"
