# syntax=docker/dockerfile:1.7
# The Lena worker (BullMQ jobs: scheduling, feedback, outcomes, email, maintenance).
# Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t lena-worker .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- pnpm and turbo, as the unprivileged `node` user --------------------------------------
FROM ${NODE_IMAGE} AS pnpm
ENV CI=true \
    TURBO_TELEMETRY_DISABLED=1 \
    PNPM_STORE=/home/node/.pnpm-store
RUN npm install -g pnpm@12.4.2 && npm cache clean --force \
 && mkdir -p /repo /home/node/.pnpm-store && chown node:node /repo /home/node/.pnpm-store
WORKDIR /repo
USER node

# ---- dependencies, build, and a pruned copy of the worker with its production dependencies -
FROM pnpm AS build
COPY --chown=node:node pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN --mount=type=cache,id=lena-pnpm-store,target=/home/node/.pnpm-store,uid=1000,gid=1000 \
    pnpm fetch --store-dir "$PNPM_STORE"
COPY --chown=node:node . .
RUN --mount=type=cache,id=lena-pnpm-store,target=/home/node/.pnpm-store,uid=1000,gid=1000 \
    pnpm install --frozen-lockfile --offline --store-dir "$PNPM_STORE"
RUN pnpm turbo run build --filter=@lena/worker...
RUN --mount=type=cache,id=lena-pnpm-store,target=/home/node/.pnpm-store,uid=1000,gid=1000 \
    pnpm --filter=@lena/worker deploy --prod --store-dir "$PNPM_STORE" /home/node/deploy

# ---- the worker -------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=root:root /home/node/deploy ./
USER node
# No HTTP port: the worker only talks to PostgreSQL, Redis and SMTP. It stops gracefully on SIGTERM.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
