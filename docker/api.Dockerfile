# syntax=docker/dockerfile:1.7
# The Lena API (NestJS GraphQL on port 4000). Build from the repository root:
#   docker build -f docker/api.Dockerfile -t lena-api .
# Targets:
#   runtime (default)  the API: production dependencies only, non-root, read-only code
#   migrate            runs `pnpm db:migrate` once and exits (docker/compose.yml's `migrate` service)
#   seed               runs `pnpm db:seed` once: the demo tenants and users
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

# ---- dependencies, build, and a pruned copy of the API with its production dependencies ---
FROM pnpm AS build
# The lockfile alone decides what is downloaded: this layer stays cached until it changes.
COPY --chown=node:node pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN --mount=type=cache,id=lena-pnpm-store,target=/home/node/.pnpm-store,uid=1000,gid=1000 \
    pnpm fetch --store-dir "$PNPM_STORE"
COPY --chown=node:node . .
RUN --mount=type=cache,id=lena-pnpm-store,target=/home/node/.pnpm-store,uid=1000,gid=1000 \
    pnpm install --frozen-lockfile --offline --store-dir "$PNPM_STORE"
RUN pnpm turbo run build --filter=@lena/api...
RUN --mount=type=cache,id=lena-pnpm-store,target=/home/node/.pnpm-store,uid=1000,gid=1000 \
    pnpm --filter=@lena/api deploy --prod --store-dir "$PNPM_STORE" /home/node/deploy

# ---- one-shot jobs on the full workspace ------------------------------------------------
FROM build AS migrate
CMD ["pnpm", "db:migrate"]

FROM build AS seed
CMD ["pnpm", "db:seed"]

# ---- the API ----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# Owned by root, run by `node`: the process cannot modify its own code.
COPY --from=build --chown=root:root /home/node/deploy ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
