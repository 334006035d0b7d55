# costbot container: compiled JavaScript on Node 20 with production dependencies only, run as a
# non-root user, health-checked on /healthz. Build: docker build -t costbot .  (see docs/deploy.md)

# 1. Production dependencies. better-sqlite3 may compile from source, hence the build tools here
#    only; `prepare` finds no sources in this stage and builds nothing.
FROM node:20-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts/build.mjs scripts/build.mjs
RUN npm ci --omit=dev --no-audit --no-fund

# 2. Compile src/ to dist/ with the dev dependencies (TypeScript); nothing native is needed to compile.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# 3. Runtime: no compiler, no TypeScript, no sources.
FROM node:20-slim
ENV NODE_ENV=production PORT=3978 HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY manifest/slack ./manifest/slack
# The default SQLite store (./data/costbot.db) must be writable by the runtime user.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/costbot.js", "serve"]
