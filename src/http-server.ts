import http from 'node:http';
import type { Express } from 'express';
import type { Config } from './config';

/**
 * The API's HTTP server, whose requests and responses are born with the Express app's prototypes
 * (`app.request`, `app.response`).
 *
 * Express gives each request and response its prototypes as they arrive (`Object.setPrototypeOf` in
 * `app.handle`), one of V8's slow paths: the objects' hidden classes change under the code that has
 * seen them, and under load the old generation filled with request objects (a mark-compact every
 * few seconds, none without the change). Node lets a server build its requests and responses with
 * given constructors (the `IncomingMessage` and `ServerResponse` options, made for extending them);
 * built by these, they already have the prototypes Express would give them, so its `setPrototypeOf`
 * finds nothing to change. The app, its middleware and the objects they see are Express's own.
 * What it saves is measured in docs/performance.md ("What round 6 changed"); test/http-server.test.ts
 * fails if an Express or Node upgrade makes the trick stop taking effect.
 */
export function createHttpServer(app: Express, timeouts: Config['http'] = DEFAULT_TIMEOUTS): http.Server {
  const server = http.createServer(
    {
      IncomingMessage: bornWith<typeof http.IncomingMessage>(http.IncomingMessage, app.request),
      ServerResponse: bornWith<typeof http.ServerResponse>(http.ServerResponse, app.response),
      // A client sending its headers or body a byte at a time is answered 408 and cut off, instead of
      // holding a connection for Node's default 300 s; checked every second.
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, timeouts.headersTimeoutMs),
    },
    app,
  );
  // Longer than a load balancer's idle timeout (AWS: 60 s), so it never reuses a connection we closed.
  server.keepAliveTimeout = 65_000;
  return server;
}

const DEFAULT_TIMEOUTS: Config['http'] = { headersTimeoutMs: 20_000, requestTimeoutMs: 30_000 };

/**
 * A constructor that builds what `base` builds, with `prototype` (which inherits from
 * `base.prototype`). Node's IncomingMessage and ServerResponse are plain constructor functions, so
 * `new Born()` makes the object with the right prototype and `base` initialises it, as their own
 * subclasses in Node do. (`Reflect.construct` with another `new.target` would work for classes too,
 * but V8 builds such objects on a slow path, slower than no change at all: docs/performance.md.) Should a
 * Node release turn them into classes, this returns `base` itself and Express sets the prototypes
 * as it always did.
 */
function bornWith<T extends new (...args: never[]) => object>(base: T, prototype: object): T {
  if (!/^function\b/.test(Function.prototype.toString.call(base))) return base;
  const init = base as unknown as (this: object, ...args: unknown[]) => void;
  function Born(this: object, ...args: unknown[]): void {
    init.apply(this, args);
  }
  Born.prototype = prototype;
  return Born as unknown as T;
}
