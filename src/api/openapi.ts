import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { consoleOperations } from './console-routes';
import { moderationOperations } from './moderation-routes';
import { newsroomOperations } from './newsroom-routes';
import { opsOperations } from './ops-routes';
import { privacyOperations } from './privacy-routes';
import { publicOperations } from './public-routes';
import { readerOperations } from './reader-routes';
import { statusOperations } from './status-routes';
import { surgeOperations } from './surge-routes';
import { webhookOperations } from './webhook-routes';
import { widgetOperations } from './widget-routes';
import { notificationOperations } from './notification-routes';
import { securitySchemes, TAGS, toOpenApiOperation, type ApiOperation } from './openapi/operation';

/**
 * Every route file's operations, in the order the document lists them. A new route goes into its
 * route file's list; a new route file adds its list here (as src/app.ts mounts its router).
 */
export const apiOperations: readonly ApiOperation[] = [
  ...publicOperations,
  ...readerOperations,
  ...statusOperations,
  ...widgetOperations,
  ...notificationOperations,
  ...moderationOperations,
  ...newsroomOperations,
  ...surgeOperations,
  ...webhookOperations,
  ...privacyOperations,
  ...consoleOperations,
  ...opsOperations,
];

/** `/v1/comments/:id` (Express) → `/v1/comments/{id}` (OpenAPI). */
export const toOpenApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z]+)/g, '{$1}');

/**
 * The OpenAPI 3.0 document served at GET /openapi.json, generated from the operations above and the
 * zod schemas they name. It throws on two operations with one method and path or one operationId,
 * so a slip fails every test that starts the app.
 */
export function buildOpenApiDocument(operations: readonly ApiOperation[] = apiOperations) {
  const paths: ZodOpenApiPathsObject = {};
  const operationIds = new Set<string>();
  for (const operation of operations) {
    const path = toOpenApiPath(operation.path);
    const item = (paths[path] ??= {});
    if (item[operation.method]) throw new Error(`OpenAPI: ${operation.method.toUpperCase()} ${operation.path} is declared twice`);
    if (operationIds.has(operation.operationId)) throw new Error(`OpenAPI: operationId ${operation.operationId} is used twice`);
    operationIds.add(operation.operationId);
    item[operation.method] = toOpenApiOperation(operation);
  }
  return createDocument(
    {
      openapi: '3.0.3',
      info: {
        title: 'Sift',
        version: '1.0.0',
        description:
          'Comment moderation for news sites. Every error answers `{ "error": { "code", "message" } }`. ' +
          'Moderator and admin endpoints take `Authorization: Bearer <key>` or a console session.',
      },
      servers: [{ url: '/', description: 'The server this document was fetched from' }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      paths,
      components: { securitySchemes },
    },
    {
      override: ({ jsonSchema, io }) => {
        // zod writes a regular expression beside format (uuid, date-time, email): the format says it.
        if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
        // z.int() bounds itself to the safe integers: no bound worth printing.
        if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
        if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
        // Answers may gain fields (CONTRACT: "add freely"): a client must not refuse one it does not know.
        if (io === 'output' && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      },
    },
  );
}

let served: string | undefined;

/** The document as GET /openapi.json sends it: built once per process. */
export function openApiJson(): string {
  return (served ??= JSON.stringify(buildOpenApiDocument()));
}
