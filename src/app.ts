import cors from 'cors';
import express, { type Express } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import helmet from 'helmet';
import { accessLog } from './api/access-log';
import { createPostingLimiters, createReadLimiter } from './api/rate-limit';
import { errorMiddleware, notFoundHandler } from './api/error-middleware';
import { refuseUnstorableText } from './api/validate';
import { routePattern } from './api/route-pattern';
import { fromLocals } from './api/locals';
import { moderationRoutes } from './api/moderation-routes';
import { newsroomRoutes } from './api/newsroom-routes';
import { openApiJson } from './api/openapi';
import { opsRoutes } from './api/ops-routes';
import { publicRoutes } from './api/public-routes';
import { readerRoutes } from './api/reader-routes';
import { privacyRoutes } from './api/privacy-routes';
import { statusRoutes } from './api/status-routes';
import { surgeRoutes } from './api/surge-routes';
import { webhookRoutes } from './api/webhook-routes';
import { createSecretBox } from './webhooks/secret-box';
import { widgetRoutes } from './api/widget-routes';
import { notificationRoutes } from './api/notification-routes';
import { bearerKey, createRequireRole } from './api/require-role';
import { createKeyChecker } from './moderation/moderator-auth';
import { consoleRoutes } from './api/console-routes';
import { consoleSession } from './api/console-session';
import { createConsoleSessions } from './sessions/console-sessions';
import type { ApiServices } from './services';

export const JSON_BODY_LIMIT = '64kb';

/** Builds the Express app; it never listens (src/server.ts does). */
export function createApp(services: ApiServices): Express {
  const { config, logger, metrics } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // No automatic ETag: it hashed every answer, 202s included. The public list and the widget's files
  // set their own, computed once per version (src/api/public-cache.ts, src/api/widget-routes.ts).
  app.set('etag', false);

  if (config.accessLog) app.use(accessLog(logger, { clientIp: config.accessLogIp }));
  app.use(helmet());
  app.use(measure(metrics));
  app.use(
    ['/v1/articles', '/v1/comments', '/v1/comment-counts'],
    cors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'POST', 'DELETE'],
      // Authorization carries a signed-in reader's token (SSO) from the widget.
      allowedHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization'],
      exposedHeaders: ['Retry-After', 'Location'],
      maxAge: 600,
    }),
  );
  // After CORS, so a widget can read its 429.
  app.use(['/v1/articles', '/v1/comments', '/v1/comment-counts'], createReadLimiter(config.readRateLimit));
  const parseJson = express.json({ limit: JSON_BODY_LIMIT, strict: true, type: ['application/json', 'application/*+json'] });
  // Reads carry no body: the hot public GET skips the parser altogether.
  app.use((req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD'
      ? next()
      : parseJson(req, res, (error) => (error ? next(error) : refuseUnstorableText(req, res, next))),
  );

  // Per author and client: an address is not verified, so anyone typing a regular's address from
  // elsewhere uses up their own allowance, never the regular's.
  const limiters = createPostingLimiters(
    services.pipelinedRedis,
    config,
    (req, res) =>
      `${fromLocals(res.locals.submission, 'submission').authorEmailHash.toString('hex')}:${ipKeyGenerator(req.ip ?? 'unknown')}`,
  );
  // Moderator and admin answers carry emails and change with every decision: never stored by a cache.
  app.use(['/v1/moderation', '/v1/admin'], (_req, res, next) => (res.set('Cache-Control', 'no-store'), next()));
  app.use(publicRoutes({ ...services, limiters }));
  app.use(readerRoutes(services));
  const sessions = createConsoleSessions(services.db, {
    secretKey: config.secretKey,
    adminApiKey: config.adminApiKey,
    sessionHours: config.console.sessionHours,
    idleMinutes: config.console.idleMinutes,
  });
  // Moderators and the admin say who they are with a Bearer key or, in the console, a session.
  const requireRole = createRequireRole([bearerKey(createKeyChecker(services.db, config.adminApiKey)), consoleSession(sessions)]);
  app.use(moderationRoutes({ ...services, requireRole }));
  app.use(newsroomRoutes({ ...services, requireRole }));
  app.use(opsRoutes({ ...services, metricsToken: config.metricsToken, openApiJson: openApiJson() }));
  app.use(statusRoutes(services));
  const secretBox = createSecretBox(config.secretKey, config.previousSecretKeys);
  app.use(webhookRoutes({ ...services, secretBox, allowPrivate: config.webhooks.allowPrivate, requireRole }));
  app.use(privacyRoutes({ ...services, requireRole }));
  app.use(surgeRoutes({ ...services, requireRole }));
  app.use(widgetRoutes({ demoPage: config.demoPage }));
  app.use(notificationRoutes(services));
  app.use(consoleRoutes({ ...services, sessions }));

  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));
  return app;
}

/** Request counts and durations by route pattern (never by raw URL, which carries ids). */
function measure(metrics: ApiServices['metrics']): express.RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = routePattern(req) ?? 'unmatched';
      end({ method: req.method, route });
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
