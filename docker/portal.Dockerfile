# syntax=docker/dockerfile:1.7
# A Lena portal (Vite React build) served by nginx, with /graphql proxied to the API.
# Build from the repository root, once per portal:
#   docker build -f docker/portal.Dockerfile --build-arg PORTAL=client-portal -t lena-client-portal .
#   docker build -f docker/portal.Dockerfile --build-arg PORTAL=facilitator-portal -t lena-facilitator-portal .
# Run with API_UPSTREAM=<host:port of the API> (default api:4000); it listens on 8080 as a non-root user.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28.0-alpine

# ---- pnpm and turbo, as the unprivileged `node` user --------------------------------------
FROM ${NODE_IMAGE} AS pnpm
ENV CI=true \
    TURBO_TELEMETRY_DISABLED=1 \
    PNPM_STORE=/home/node/.pnpm-store
RUN npm install -g pnpm@12.4.2 && npm cache clean --force \
 && mkdir -p /repo /home/node/.pnpm-store && chown node:node /repo /home/node/.pnpm-store
WORKDIR /repo
USER node

# ---- dependencies and the static build -------------------------------------------------
FROM pnpm AS build
ARG PORTAL=client-portal
# Built into the facilitator portal, which sends client staff there (the API's PUBLIC_CLIENT_PORTAL_URL).
ARG PUBLIC_CLIENT_PORTAL_URL=http://localhost:5173
ENV PUBLIC_CLIENT_PORTAL_URL=${PUBLIC_CLIENT_PORTAL_URL}
COPY --chown=node:node pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN --mount=type=cache,id=lena-pnpm-store,target=/home/node/.pnpm-store,uid=1000,gid=1000 \
    pnpm fetch --store-dir "$PNPM_STORE"
COPY --chown=node:node . .
RUN --mount=type=cache,id=lena-pnpm-store,target=/home/node/.pnpm-store,uid=1000,gid=1000 \
    pnpm install --frozen-lockfile --offline --store-dir "$PNPM_STORE"
RUN test -f "apps/${PORTAL}/package.json" || { echo "PORTAL must be client-portal or facilitator-portal, got '${PORTAL}'"; exit 1; } \
 && pnpm turbo run build --filter="@lena/${PORTAL}..." \
 && mkdir -p /home/node/site && cp -R "apps/${PORTAL}/dist/." /home/node/site/

# ---- nginx ------------------------------------------------------------------------------
FROM ${NGINX_IMAGE} AS runtime
# The image renders /etc/nginx/templates/*.template into /etc/nginx/conf.d/ with envsubst at start;
# only API_* variables are substituted, so nginx's own $variables stay intact.
ENV API_UPSTREAM=api:4000 \
    NGINX_ENVSUBST_FILTER=^API_
COPY --chown=root:root docker/nginx/portal.conf /etc/nginx/templates/default.conf.template
COPY --from=build --chown=root:root /home/node/site/ /usr/share/nginx/html/
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
