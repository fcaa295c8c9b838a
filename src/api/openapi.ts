import { components } from './openapi/components';
import { consolePaths, consoleSchemas, consoleSecuritySchemes } from './openapi/console-paths';
import { moderationPaths, moderatorSchemas } from './openapi/moderation-paths';
import { newsroomPaths, newsroomSchemas } from './openapi/newsroom-paths';
import { opsPaths, opsSchemas } from './openapi/ops-paths';
import { publicPaths } from './openapi/public-paths';
import { privacyPaths } from './openapi/privacy-paths';
import { statusPaths, surgePaths, surgeSchemas } from './openapi/status-paths';
import { webhookPaths, webhookSchemas } from './openapi/webhook-paths';
import { widgetPaths } from './openapi/widget-paths';

/**
 * The contract as OpenAPI 3.0, assembled from one fragment per route group so that each feature
 * documents its own endpoints beside the others. A test holds it against the mounted routes.
 */
export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Sift',
    version: '1.0.0',
    description: 'Comment moderation for news sites. Errors: { "error": { "code", "message" } }.',
  },
  paths: { ...publicPaths, ...moderationPaths, ...opsPaths, ...newsroomPaths, ...widgetPaths, ...statusPaths, ...webhookPaths, ...privacyPaths, ...surgePaths, ...consolePaths },
  components: {
    ...components,
    securitySchemes: { ...components.securitySchemes, ...consoleSecuritySchemes },
    schemas: { ...components.schemas, ...moderatorSchemas, ...opsSchemas, ...newsroomSchemas, ...webhookSchemas, ...surgeSchemas, ...consoleSchemas },
  },
};
