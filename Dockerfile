# codebase-mcp — MCP server for code search. Multi-stage build; works with the classic builder
# (no BuildKit-only syntax) and with BuildKit.
#   docker build -t codebase-mcp .
#   docker run -i --rm -v codebase-mcp-data:/data -v "$PWD:/repo:ro" -e CODEBASE_MCP_ROOTS=/repo codebase-mcp
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: all dependencies, compile TypeScript ----------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# manifests first: the npm ci layer is reused until package*.json change
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY docker/list-grammars.mjs ./docker/
# tsc only: `npm run build` also makes the PGlite data directory template, 4.5 MB that would save
# ~2 s once, at the first start of a data volume (docs/notes/store-perf.md, "Data directory template")
RUN npx tsc -p tsconfig.build.json && find dist -name '*.map' -delete && find dist -name '*.d.ts' -delete \
 && node docker/list-grammars.mjs dist > grammars.txt

# ---- test: the build stage plus the test suite (used by compose.test.yaml) ---------------------
FROM build AS test
COPY vitest.config.ts ./
COPY models ./models
COPY model ./model
COPY eval ./eval
COPY bench ./bench
COPY test ./test
# the container tests need a Docker engine; they run from the host (vitest.container.config.ts)
CMD ["npx", "vitest", "run", "--exclude", "test/container/**"]

# ---- deps: production dependencies only, pruned ------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && rm -rf /root/.npm /tmp/*
# the runtime stage copies only the final tree, so pruning in a later layer still shrinks the image
COPY docker/prune-node-modules.sh /usr/local/bin/prune-node-modules
# the grammars the chunker loads, listed from the compiled code (docker/list-grammars.mjs)
COPY --from=build /src/grammars.txt ./
RUN prune-node-modules /app/node_modules /app/grammars.txt

# ---- runtime ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="codebase-mcp" \
      org.opencontainers.image.description="MCP server that indexes source-code repositories for code search" \
      org.opencontainers.image.licenses="MIT"
# Everything under /app is owned by root and read-only for the server (uid 1000, "node");
# it writes only to the /data volume and /tmp, so it runs with a read-only root filesystem.
RUN mkdir -p /data && chown node:node /data \
 && ln -s /app/bin/codebase-mcp.js /usr/local/bin/codebase-mcp
# MALLOC_ARENA_MAX: glibc's per-thread malloc arenas held 145-210 MB at a cold index's peak (V8
# compiling PGlite's WASM, the chunking threads); two arenas take 15-40 MB off it
# (docs/notes/store-perf.md, "Peak RSS").
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    CODEBASE_MCP_DATABASE_URL=/data/pglite \
    CODEBASE_MCP_PORT=7420 \
    XDG_DATA_HOME=/data \
    XDG_CACHE_HOME=/tmp/.cache \
    XDG_CONFIG_HOME=/tmp/.config
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY bin ./bin
# the builtin embedding model (CODEBASE_MCP_EMBEDDING_PROVIDER=builtin)
COPY models ./models
COPY docker/entrypoint.sh docker/healthcheck.sh ./docker/
COPY --from=build /src/dist ./dist
USER node
VOLUME ["/data"]
EXPOSE 7420
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["/app/docker/healthcheck.sh"]
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD []
