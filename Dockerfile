# syntax=docker/dockerfile:1
# Build stage: full dependencies, compile TypeScript to dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY worker ./worker
COPY bench ./bench
RUN npm run build

# Runtime stage: production dependencies, compiled code, migrations and the checks' data; non-root.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY sql ./sql
COPY data ./data
# The widget's static files (widget.js, widget.css, demo.css) are read from here at start-up.
COPY src/widget ./src/widget
USER node
EXPOSE 3000
# node, not npm: signals reach the process, which shuts down gracefully on SIGTERM.
CMD ["node", "dist/src/server.js"]
