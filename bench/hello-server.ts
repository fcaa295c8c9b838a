/**
 * The ceiling: a bare Express "hello JSON" server, measured in the same run as Sift so that every
 * throughput can be given as a ratio to what the framework itself does on this machine right now.
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
const server = app.listen(Number(process.env.PORT ?? 3999), '127.0.0.1', () => {
  process.stdout.write('hello server listening\n');
});
server.keepAliveTimeout = 65_000;
process.once('SIGTERM', () => server.close(() => process.exit(0)));
