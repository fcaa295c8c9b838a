const { createBenchEnvironment, startNode, freePort, cpuOfGroups, pidsNamed } = require('./dist/bench/stack');
const { load, loadAll } = require('./dist/bench/load');
const os = require('os');
(async () => {
  const env = await createBenchEnvironment(`multi${Date.now()}`);
  const procs = [];
  const nice = Number(process.argv[3] ?? 0);
  try {
    const hello = startNode('hello', 'dist/bench/hello-server.js', {}, await freePort());
    const apis = [startNode('api-1', 'dist/src/server.js', env.env(), await freePort()), startNode('api-2', 'dist/src/server.js', env.env(), await freePort())];
    const workers = Number(process.argv[2] ?? 2);
    const ws = [];
    for (let i = 0; i < workers; i++) ws.push(startNode(`w${i}`, 'dist/worker/main.js', env.env()));
    procs.push(hello, ...apis, ...ws);
    await hello.ready('/hello'); for (const a of apis) await a.ready('/readyz'); for (const w of ws) await w.waitForLine(/Sift worker started/);
    for (const w of ws) os.setPriority(w.child.pid, nice);
    const urls = apis.map((a) => `http://127.0.0.1:${a.port}`);
    const post = { articlePrefix: 'm-', articles: 100 };
    await loadAll(urls.map((url) => ({ url, connections: 25, duration: 3, postComments: post })));
    const h = await load({ url: `http://127.0.0.1:${hello.port}/hello`, connections: 50, duration: 5 });
    const cpu = cpuOfGroups({ api: apis.map((a) => a.child.pid), worker: ws.map((w) => w.child.pid), postgres: pidsNamed('postgres'), redis: pidsNamed('redis-server') });
    const t0 = Date.now();
    const r = await loadAll(urls.map((url) => ({ url, connections: 25, duration: 10, postComments: post })));
    const { Client } = require('pg'); const db = new Client({ connectionString: env.databaseUrl }); await db.connect();
    const pend = async () => (await db.query("select count(*)::int n from comments where status='pending'")).rows[0].n;
    const atEnd = await pend();
    while ((await pend()) > 0) await new Promise((res) => setTimeout(res, 100));
    const total = (await db.query("select count(*)::int n from comments")).rows[0].n;
    const secs = (Date.now() - t0) / 1000; await db.end();
    const spent = cpu.done();
    console.log(JSON.stringify({ workers, nice, hello: h.requestsPerSecond, post: r.requestsPerSecond, ratio: (r.requestsPerSecond / h.requestsPerSecond).toFixed(3), p99: r.p99Ms, pendingAtEnd: atEnd, allDecidedAfterS: secs.toFixed(1), cores: Object.fromEntries(Object.entries(spent).map(([k, ms]) => [k, (ms / 1000 / secs).toFixed(2)])) }));
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
    await env.dispose();
  }
})();
