/**
 * Gathers concurrent calls into one: while a batch is running (up to `maxInFlight`), new calls wait
 * and go together in the next one, at most `maxBatch` at a time. A lone call goes at once (no timer,
 * no added latency when idle); under load, concurrent callers share one PostgreSQL statement or one
 * Redis pipeline, and one system call to send it, instead of one each. Used by intake (concurrent
 * POSTs' INSERTs and job adds) and by the worker (concurrent jobs' reads and decisions). One batch
 * in flight makes the batches largest (measured in the worker: 2.6 jobs a batch with two in flight,
 * 4 with one, 10 with one and 48 jobs running).
 *
 * `run` answers each input in order. If it throws, every call of that batch rejects with the error
 * (each job is then retried on its own).
 */
export function createBatcher<I, O>(
  run: (inputs: I[]) => Promise<O[]>,
  options: { maxBatch?: number; maxInFlight?: number } = {},
): (input: I) => Promise<O> {
  const maxBatch = options.maxBatch ?? 64;
  const maxInFlight = options.maxInFlight ?? 1;
  let waiting: Array<{ input: I; resolve: (output: O) => void; reject: (error: unknown) => void }> = [];
  let inFlight = 0;

  function flush(): void {
    while (waiting.length > 0 && inFlight < maxInFlight) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      inFlight += 1;
      run(batch.map((call) => call.input))
        .then(
          (outputs) => batch.forEach((call, i) => call.resolve(outputs[i]!)),
          (error: unknown) => batch.forEach((call) => call.reject(error)),
        )
        .finally(() => {
          inFlight -= 1;
          flush();
        });
    }
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      flush();
    });
}
