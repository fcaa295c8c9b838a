import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { loadConfigOrExit } from './config';
import { handleError } from './errors';
import { createProcessLogger } from './logger';
import { createApp } from './app';
import { createHttpServer } from './http-server';
import { onParentExit } from './parent-watch';
import { createApiServices } from './services';
import { createGaugeRefresher } from './operations-gauges';
import { serveMetrics } from './metrics-server';

/** The API process: config, app, listen; on SIGTERM/SIGINT finish in-flight requests, then close. */
function main(): void {
  const config = loadConfigOrExit();
  const logger = createProcessLogger(config);
  if (config.usingDevSecretKey) {
    logger.warn(
      "SECRET_KEY is the development key (unset, or docker-compose.yml's default): emails are NOT protected. Set SECRET_KEY (openssl rand -hex 32).",
    );
  }
  if (!config.adminApiKey) logger.warn('ADMIN_API_KEY is not set: moderator and admin endpoints refuse every request');
  const services = createApiServices(config, logger);
  const app = createApp(services);
  const server = createHttpServer(app, config.http).listen(config.port, config.host, () => {
    logger.info({ port: config.port, host: config.host }, 'Sift API listening');
  });
  const metricsServer =
    config.metricsPort === null ? null : serveMetrics(services.metrics, config.metricsPort, config.host, createGaugeRefresher(services));

  process.on('unhandledRejection', (reason) => handleError(logger, reason, { source: 'unhandledRejection' }));
  process.on('uncaughtException', (error) => {
    handleError(logger, error, { source: 'uncaughtException' });
    process.exit(1);
  });
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    metricsServer?.close();
    void shutdown(server, services, logger, reason, config.shutdownTimeoutMs);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop(signal));
  if (config.startedByNpm) onParentExit(() => stop('npm exited'));
}

async function shutdown(
  server: Server,
  services: ReturnType<typeof createApiServices>,
  logger: Logger,
  signal: string,
  timeoutMs: number,
): Promise<void> {
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  const force = setTimeout(() => {
    logger.error('shutdown timed out; exiting');
    process.exit(1);
  }, timeoutMs);
  force.unref();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await services.close();
  logger.info('shut down cleanly');
  process.exit(0);
}

main();
