#!/bin/sh
# Container health check. HTTP mode: healthy when /readyz answers 200 (server up, database
# reachable). stdio mode (marker written by the entrypoint): there is no endpoint to probe and the
# server lives exactly as long as PID 1, so a running container is a healthy one.
[ -f /tmp/codebase-mcp.stdio ] && exit 0
exec codebase-mcp health --ready --timeout 4
