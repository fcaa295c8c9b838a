/**
 * `npm start` and `npm run worker` run node under `sh -c`, and on SIGTERM npm signals only that
 * shell, which exits without passing it on: node was left running, listening, with nobody to stop
 * it. A process started by npm therefore watches its parent: when the parent is gone (the process
 * is re-parented, so its ppid changes), it shuts down as on SIGTERM. Supervisors should still run
 * `node dist/src/server.js` (and `node dist/worker/main.js`) directly, as the image does; this only
 * makes the npm scripts safe as well.
 */
export function onParentExit(callback: () => void, pollMs = 500): { stop(): void } {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    callback();
  }, pollMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
