/**
 * The ceiling: a bare Express "hello JSON" server, measured in the same run as Sift so that every
 * throughput can be given as a ratio to what the framework itself does on this machine right now.
 * With HELLO_SERVER=sift the same app runs on Sift's own HTTP server (src/http-server.ts), for a
 * reference row: how much of Sift's ratio that server accounts for.
 */
import express from 'express';
import { createHttpServer } from '../src/http-server';

const app = express();
app.disable('x-powered-by');
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
const port = Number(process.env.PORT ?? 3999);
const listening = () => process.stdout.write('hello server listening\n');
const server =
  process.env.HELLO_SERVER === 'sift'
    ? createHttpServer(app).listen(port, '127.0.0.1', listening)
    : app.listen(port, '127.0.0.1', listening);
server.keepAliveTimeout = 65_000;
process.once('SIGTERM', () => server.close(() => process.exit(0)));
