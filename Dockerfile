# syntax=docker/dockerfile:1
# Lotsen in a container: a build stage with the dev dependencies (TypeScript, Prisma's CLI), and a
# runtime stage with the production dependencies only, as a non-root user, Node as PID 1 (it
# handles SIGTERM itself: /readyz goes 503, then it drains and exits; see SHUTDOWN_DRAIN_SECONDS).
# docker build -t lotsen . && docker compose -f deploy/compose.yaml up

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The build runs below, once the sources are here; install scripts would run it too early.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
# `prepare` builds from source, which needs the dev dependencies: the built dist/ comes from above.
# --omit=optional leaves out Prisma's CLI and TypeScript, which npm would otherwise install as
# optional peers of @prisma/client. test/process/production-install.test.ts installs as this line does.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/catalog ./catalog
COPY --from=build /app/languages ./languages
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
# The embedded database's folder, for a single instance without PostgreSQL (mount a volume here).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--max-old-space-size=256", "dist/src/index.js"]
