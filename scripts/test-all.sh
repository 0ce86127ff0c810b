#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine, as CI runs it (`npm run test:all`):
# installs what the tests need, starts a real PostgreSQL 17 + pgvector on 127.0.0.1, builds,
# checks, runs the unit/integration/end-to-end suites against PGlite and PostgreSQL, then the
# container tests (podman behind the Docker CLI) unless CODEBASE_MCP_SKIP_CONTAINERS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
step() { echo "== [$(( $(date +%s) - t0 ))s] $*" >&2; }

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for p in ripgrep debootstrap zstd python3-numpy; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  fi
fi

step "npm ci"
npm ci --no-audit --no-fund
step "build"
npm run build
step "check (typecheck, lint, format)"
npm run check

step "PostgreSQL 17 + pgvector"
scripts/pg.sh start
export CODEBASE_MCP_TEST_POSTGRES_URL="$(scripts/pg.sh url)"

step "tests (PGlite and PostgreSQL)"
npm test

if [ "${CODEBASE_MCP_SKIP_CONTAINERS:-0}" != 1 ]; then
  step "container tests"
  scripts/containers.sh setup
  scripts/containers.sh up
  trap 'scripts/containers.sh down || true' EXIT
  CODEBASE_MCP_TEST_CONTAINERS=1 npx vitest run --config vitest.container.config.ts
fi
step "all tests passed"
