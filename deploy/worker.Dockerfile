# syntax=docker/dockerfile:1
# The Rectify Temporal worker, with the prebuilt workflow bundle. Build from the repository root:
#   docker build -f deploy/worker.Dockerfile -t rectify/worker:0.1.0 .
ARG NODE_IMAGE=node:20.19.5-bookworm-slim

# Compilers for native modules (better-sqlite3) when no prebuilt binary matches.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# Everything, to build: the apps (tsc) and the workflow bundle (dist/workflow-bundle.js).
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

# Debian (glibc): the Temporal SDK's native core ships for glibc.
FROM ${NODE_IMAGE}
# The worker loads the prebuilt bundle instead of bundling workflow sources at start.
ENV NODE_ENV=production HOST=0.0.0.0 RECTIFY_WORKFLOW_BUNDLE=dist/workflow-bundle.js
# Two malloc arenas instead of glibc's 8 per core: each thread that allocates at once (the
# Temporal core's, Node's, the workflow threads') gets an arena that keeps what it freed. In the
# bench's process (API and worker) 2 held 60-100 MiB less at every sample, and no figure moved
# beyond the spread between runs (BENCHMARKS.md, "Memory"). -e MALLOC_ARENA_MAX=... overrides it.
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=production-deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
USER node
# A worker whose Temporal worker stops exits non-zero: the orchestrator restarts it.
CMD ["node", "dist/apps/worker/src/main.js"]
