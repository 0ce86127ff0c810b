#!/usr/bin/env bash
# Zero-setup demo on the embedded PGlite store: install, build, index a repository (default: this
# one) and search it. Usage: npm run quickstart [-- <repository> "<query>"]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=${1:-.}
query=${2:-"how are search results ranked"}
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build >/dev/null
echo "== indexing $repo" >&2
node bin/codebase-mcp.js index "$repo"
echo "== searching: $query" >&2
node bin/codebase-mcp.js search "$query" --limit 5
