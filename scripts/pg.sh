#!/bin/bash
# A real PostgreSQL 17 + pgvector 0.8 for tests, from Debian trixie's packages in a debootstrap
# chroot (bookworm has no pgvector package and trixie's binaries need trixie's libc).
# Listens on 127.0.0.1:$PGPORT with trust auth and test-only durability settings (fsync off):
# never point it at data you care about.
#
# Usage: scripts/pg.sh start|stop|status|url
#   start   make the chroot (~45 s once, then cached as a zstd tarball; ~5 s later), initdb a
#           fresh cluster and start it. Already running: prints the URL and does nothing else.
#   stop    fast shutdown.   status  exit 0 when running.   url  print the connection URL.
# Env: PGPORT (55432), CODEBASE_MCP_CACHE (~/.cache/codebase-mcp), PG_ROOT (chroot directory).
# Needs root (chroot); installs debootstrap and zstd with apt when missing.
set -euo pipefail
PGPORT=${PGPORT:-55432}
CACHE_DIR=${CODEBASE_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/codebase-mcp}
R=${PG_ROOT:-$CACHE_DIR/pg17-root}
TARBALL=$CACHE_DIR/pg17-trixie-rootfs.tar.zst
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
B=/usr/lib/postgresql/17/bin
DATA=/var/lib/postgresql/ci-$PGPORT
URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"

log() { echo "[pg.sh $(date +%T)] $*" >&2; }
die() { echo "[pg.sh $(date +%T)] error: $*" >&2; exit 1; }
as_pg() { chroot --userspec="$(chroot "$R" id -u postgres):$(chroot "$R" id -g postgres)" "$R" "$@"; }
running() { [ -x "$R$B/pg_ctl" ] && [ -f "$R$DATA/postmaster.pid" ] && as_pg "$B/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

ensure_tools() {
  command -v debootstrap >/dev/null && command -v zstd >/dev/null && return
  [ "$(id -u)" = 0 ] || die "debootstrap and zstd are missing and installing them needs root"
  log "apt-get install debootstrap zstd"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap zstd >/dev/null
}

make_root() {
  [ -x "$R$B/postgres" ] && return
  mkdir -p "$CACHE_DIR"
  if [ -f "$TARBALL" ]; then
    log "unpacking cached root filesystem $TARBALL"
    rm -rf "$R"; mkdir -p "$R"
    zstd -dc "$TARBALL" | tar --numeric-owner -xpf - -C "$R"
    return
  fi
  log "debootstrap trixie into $R (first run, about a minute)"
  rm -rf "$R"
  debootstrap --variant=minbase trixie "$R" "$MIRROR" >/dev/null
  printf '#!/bin/sh\nexit 101\n' >"$R/usr/sbin/policy-rc.d"; chmod +x "$R/usr/sbin/policy-rc.d"
  mkdir -p "$R/etc/postgresql-common"
  echo 'create_main_cluster = false' >"$R/etc/postgresql-common/createcluster.conf"
  cp /etc/resolv.conf "$R/etc/resolv.conf"
  mount -t proc proc "$R/proc"; trap 'umount "$R/proc" 2>/dev/null || true' EXIT
  log "apt-get install postgresql-17 postgresql-17-pgvector (in the chroot)"
  chroot "$R" apt-get -q update >/dev/null
  chroot "$R" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends \
    postgresql-17 postgresql-17-pgvector >/dev/null
  chroot "$R" apt-get clean; rm -rf "$R"/var/lib/apt/lists/*
  umount "$R/proc"; trap - EXIT
  log "caching root filesystem as $TARBALL"
  tar --numeric-owner --one-file-system -C "$R" -cf - . | zstd -T0 -3 -q -o "$TARBALL.part"
  mv "$TARBALL.part" "$TARBALL"
}

case "${1:-}" in
start)
  if running; then log "already running"; echo "$URL"; exit 0; fi
  [ "$(id -u)" = 0 ] || die "needs root (chroot)"
  ensure_tools; make_root
  rm -rf "${R:?}$DATA"
  log "initdb"
  as_pg "$B/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  log "starting on 127.0.0.1:$PGPORT"
  as_pg "$B/pg_ctl" -D "$DATA" -l "$DATA.log" -w -s -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=/tmp -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" \
    start || { tail -n 20 "$R$DATA.log" >&2; die "postgres did not start (log: $R$DATA.log)"; }
  log "ready"; echo "$URL" ;;
stop)
  if running; then as_pg "$B/pg_ctl" -D "$DATA" -m fast -w -s stop; log "stopped"; else log "not running"; fi ;;
status)
  if running; then echo "running: $URL"; else echo "not running"; exit 1; fi ;;
url) echo "$URL" ;;
*) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
