# syntax=docker/dockerfile:1
# Node 24, the maintained LTS line (the code also runs on Node 20 and later: package.json engines).
# Build stage: full dependencies, compile TypeScript to dist/.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY worker ./worker
COPY bench ./bench
COPY tools ./tools
RUN npm run build

# Runtime stage: production dependencies, compiled code, migrations and the checks' data; non-root.
# NODE_ENV=production makes SECRET_KEY required and refuses the development secrets (src/config.ts);
# docker-compose.yml sets NODE_ENV=development for its local stack.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY sql ./sql
COPY data ./data
# The widget's static files (widget.js, widget.css, demo.css) are read from here at start-up.
COPY src/widget ./src/widget
# The moderation console's browser files, served as they are (fingerprinted and gzipped at start-up).
COPY src/console/assets ./src/console/assets
USER node
EXPOSE 3000
# node, not npm: SIGTERM reaches the process, which shuts down gracefully (npm does not forward it).
CMD ["node", "dist/src/server.js"]
