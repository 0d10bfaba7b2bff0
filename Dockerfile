# LiveLab server image. Build: docker build -t livelab .   Run: see docker-compose.yml.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/package.json
COPY packages/core/package.json packages/core/package.json
COPY packages/cli/package.json packages/cli/package.json
COPY prisma prisma
COPY prisma.config.ts ./
COPY scripts scripts
# The postinstall step generates the Prisma client from prisma/schema.prisma.
RUN npm ci --no-audit --no-fund
COPY . .
# Build the web app into the image (npm start would otherwise build it on first start).
RUN cd apps/web && npx next build
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npm", "start"]
