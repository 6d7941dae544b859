# syntax=docker/dockerfile:1
# The Rectify HTTP API (and the CLI, for the migrate job). Build from the repository root:
#   docker build -f deploy/api.Dockerfile -t rectify/api:0.1.0 .
ARG NODE_IMAGE=node:20.19.5-bookworm-slim

# Compilers for native modules (better-sqlite3) when no prebuilt binary matches.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# Everything, to build: the apps (tsc) and the workflow bundle.
FROM toolchain AS build
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY workflows workflows
COPY activities activities
COPY libs libs
COPY scripts/build-workflow-bundle.ts scripts/build-workflow-bundle.ts
RUN npm run build

# Production dependencies only.
FROM toolchain AS production-deps
RUN npm ci --omit=dev && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 RECTIFY_EVIDENCE_DIR=/var/lib/rectify/evidence
# Two malloc arenas instead of glibc's 8 per core: each thread that allocates at once (the
# Temporal core's, Node's, the workflow threads') gets an arena that keeps what it freed. In the
# bench's process (API and worker) 2 held 60-100 MiB less at every sample, and no figure moved
# beyond the spread between runs (BENCHMARKS.md, "Memory"). -e MALLOC_ARENA_MAX=... overrides it.
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=production-deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
# The evidence directory belongs to the unprivileged user; mount a volume there.
RUN mkdir -p /var/lib/rectify/evidence && chown -R node:node /var/lib/rectify
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
