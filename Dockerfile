# LiveLab image. Build: docker build -t livelab .   Run: see docker-compose.yml and docs/DEPLOY.md.
# Stages: deps (every dependency) -> build (Prisma client + web app) -> prod-deps (production
# dependencies only) -> runtime (what the server needs, as the unprivileged `node` user).
# `npm test` replays this file without Docker (apps/server/test/image.integration.test.ts):
# keep RUN paths relative to WORKDIR so the replay can run them in a temporary folder.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
# Every workspace's manifest before `npm ci`: npm installs only what the manifests it can see
# declare (the web app's katex, qrcode, uplot... are in apps/web/package.json).
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/core/package.json packages/core/
COPY packages/cli/package.json packages/cli/
# Dev dependencies too (TypeScript for the web build, the Prisma CLI for the client): no
# NODE_ENV=production here, which would make npm leave them out. No dependency install
# scripts, as npm 11 behaves by default; the one LiveLab needs (prisma generate) runs below.
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY . .
RUN node scripts/prisma-generate.mjs \
  && cd apps/web && npx next build && rm -rf .next/cache

FROM deps AS prod-deps
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 \
  PORT=3000 HOST=0.0.0.0 LIVELAB_WEB=prod DATA_DIR=/app/.data
# Production dependencies and the workspace manifests (nothing else is in that stage).
COPY --from=prod-deps /app ./
COPY --from=build /app/tsconfig.json ./
COPY --from=build /app/prisma/migrations prisma/migrations
COPY --from=build /app/packages/core/src packages/core/src
COPY --from=build /app/packages/cli/bin packages/cli/bin
COPY --from=build /app/packages/cli/src packages/cli/src
COPY --from=build /app/apps/server/src apps/server/src
COPY --from=build /app/apps/web/next.config.ts apps/web/
COPY --from=build /app/apps/web/.next apps/web/.next
# The data folder (PGlite's database when no DATABASE_URL, and the generated sign-in key)
# belongs to the user the server runs as; mount a volume here.
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 3000
VOLUME ["/app/.data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# The server itself (migrations at start, web app already built): what `npm start` runs after its build step.
CMD ["node", "--import", "tsx", "apps/server/src/main.ts"]
