#!/bin/sh
# Container entry point: wait for PostgreSQL (when configured), apply migrations, then replace
# this shell with the server so it is PID 1 and receives SIGTERM directly.
# Arguments go to `codebase-mcp serve` (none: MCP over stdio; `--http`: Streamable HTTP).
# stdout is the MCP stdio channel, so everything here writes to stderr.
set -eu

fail() {
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) codebase-mcp entrypoint: $*" >&2
  exit 1
}

case "${CODEBASE_MCP_DATABASE_URL:-}" in
  postgres://* | postgresql://*)
    timeout=${DB_WAIT_TIMEOUT:-60}
    # host:port only: never print the password
    target=$(printf '%s' "$CODEBASE_MCP_DATABASE_URL" | sed 's|^[a-z]*://\([^@]*@\)\{0,1\}\([^/?]*\).*|\2|')
    codebase-mcp db wait --timeout "$timeout" >&2 ||
      fail "database $target not reachable after ${timeout}s (check CODEBASE_MCP_DATABASE_URL and that PostgreSQL is up)"
    ;;
esac

codebase-mcp migrate >&2 || fail "database migration failed (see the error above)"

# tells docker/healthcheck.sh there is no HTTP endpoint to probe
case " $* " in
  *" --http "*) rm -f /tmp/codebase-mcp.stdio 2>/dev/null || true ;;
  *) : >/tmp/codebase-mcp.stdio 2>/dev/null || true ;;
esac

exec codebase-mcp serve "$@"
