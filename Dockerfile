# Hookscope, one instance in a container (README, "Deploying"):
#   docker build -t hookscope .
#   docker run -d -p 3000:3000 -v hookscope-data:/app/data -e PUBLIC_URL=https://hooks.example.com hookscope
# The first stage compiles the SQLite driver and builds the app; the second keeps only what
# `node dist/server.mjs` needs to run.

FROM node:20-bookworm-slim AS build
# better-sqlite3 is compiled when no prebuilt binary can be fetched: it needs a C++ toolchain and
# Node's headers, which this image keeps in /usr/local/include/node (so nothing is downloaded).
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local \
  NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
# Dependencies in a layer of their own, rebuilt only when they change. Installing generates the
# Prisma client (postinstall), which reads the schema and the Prisma config.
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/generate-client.mjs ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# Next's build cache and the development packages are not needed to serve.
RUN npm run build \
  && rm -rf .next/cache \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  HOST=0.0.0.0 \
  PORT=3000 \
  DATABASE_URL=file:/app/data/hookscope.db
WORKDIR /app
# The code stays owned by root, read-only to the server's user: only /app/data is writable.
COPY --from=build /app/package.json /app/next.config.mjs ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
# The node image's unprivileged user (uid 1000). A named volume mounted here takes this owner.
RUN mkdir /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 3000
# The slim image has no curl: Node itself asks. /api/health answers whatever the Host name.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The server is PID 1 (the node image's entrypoint execs the command), so SIGTERM reaches it: it
# stops accepting, commits in-flight captures and exits.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server.mjs"]
