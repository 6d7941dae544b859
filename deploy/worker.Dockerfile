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
WORKDIR /app
COPY --from=production-deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
USER node
# A worker whose Temporal worker stops exits non-zero: the orchestrator restarts it.
CMD ["node", "dist/apps/worker/src/main.js"]
