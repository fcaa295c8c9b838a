import { loadConfigOrExit } from '../src/config';
import { handleError } from '../src/errors';
import { createProcessLogger } from '../src/logger';
import type { Logger } from 'pino';
import { createServer, type Server } from 'node:http';
import { setPriority } from 'node:os';
import { onParentExit } from '../src/parent-watch';
import { startModerationWorker, type RunningWorker } from './moderation-worker';

/**
 * The worker process: start, and on SIGTERM/SIGINT (or, under npm, when npm exits) let in-flight
 * jobs finish before exiting.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createProcessLogger(config);
  letIntakeGoFirst(config.workerNice, logger);
  process.on('unhandledRejection', (reason) => handleError(logger, reason, { source: 'unhandledRejection' }));
  const running = await startModerationWorker(config, logger);
  const metricsServer = config.workerMetricsPort === null ? null : serveMetrics(running, config.workerMetricsPort);
  logger.info({ concurrency: config.workerConcurrency, queuePrefix: config.queuePrefix }, 'Sift worker started');

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: reason }, 'shutting down: finishing in-flight jobs');
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    metricsServer?.close();
    running
      .close()
      .then(() => {
        logger.info('shut down cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        handleError(logger, error, { source: 'shutdown' });
        process.exit(1);
      });
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop(signal));
  if (config.startedByNpm) onParentExit(() => stop('npm exited'));
}

main().catch((error: Error) => {
  process.stderr.write(`worker failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});

/**
 * The worker's own port: Prometheus metrics (decisions, check durations and sweeps happen here, not
 * in the API) and /healthz, 200 while the BullMQ worker is running (a container health check).
 */
function serveMetrics(running: RunningWorker, port: number): Server {
  const { metrics } = running;
  return createServer((req, res) => {
    if (req.url === '/healthz') {
      const up = running.worker.isRunning();
      res.writeHead(up ? 200 : 503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: up ? 'ok' : 'stopped' }));
      return;
    }
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry
      .metrics()
      .then((text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text))
      .catch(() => res.writeHead(500).end());
  }).listen(port);
}

/**
 * WORKER_NICE (default 0, off): where the worker shares cores with the API, the API goes first. A
 * reader waits for the 202; a decision may follow a few seconds later. Under full contention a
 * nice-10 process still gets about a tenth of a core, so decisions never stop. Off by default: with
 * one worker it left a core idle after a burst (docs/performance.md, "Round 10"). Raising one's own
 * nice level needs no privilege; a host that refuses it leaves the priority as it was.
 */
function letIntakeGoFirst(nice: number, logger: Logger): void {
  if (nice === 0) return;
  try {
    setPriority(nice);
  } catch (error) {
    logger.warn({ err: (error as Error).message, nice }, 'WORKER_NICE not applied');
  }
}
