import { isDatabaseUnavailable } from './errors';

/**
 * Gathers concurrent calls into one: calls made in the same turn of the event loop go together, and
 * while a batch is running (up to `maxInFlight`), new calls wait and go together in the next one, at
 * most `maxBatch` at a time. A batch is sent once the turn that made its calls is over (setImmediate),
 * so a lone call waits for no timer, only for the end of the turn, while under load the fifty
 * requests a turn reads from its sockets share one PostgreSQL statement or one Redis pipeline, and
 * one system call to send it, instead of one each. Used by intake (concurrent POSTs' INSERTs and job
 * adds) and by the worker (concurrent jobs' reads and decisions). Sending at the end of the turn
 * rather than at the first call, and one batch in flight rather than two, made the batches several
 * times larger and each POST cheaper (figures in docs/performance.md, "Figures behind code comments").
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
  let flushScheduled = false;

  function flushAfterThisTurn(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      flush();
    });
  }

  function flush(): void {
    while (waiting.length > 0 && inFlight < maxInFlight) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      inFlight += 1;
      run(batch.map((call) => call.input))
        .then(
          (outputs) => batch.forEach((call, i) => call.resolve(outputs[i])),
          (error: unknown) => batch.forEach((call) => call.reject(error)),
        )
        .finally(() => {
          inFlight -= 1;
          flushAfterThisTurn();
        });
    }
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      flushAfterThisTurn();
    });
}

/**
 * A batcher for PostgreSQL statements, where one input can spoil the shared statement: if the batch
 * fails for any reason but PostgreSQL being away, each input is tried again alone (`runOne`), so
 * one row PostgreSQL refuses costs only its own call, never the others'. A lone input goes through
 * `runOne` from the start. Used by intake's INSERTs and the worker's decisions.
 */
export function createStatementBatcher<I, O>(
  runMany: (inputs: I[]) => Promise<O[]>,
  runOne: (input: I) => Promise<O>,
  options: { maxBatch?: number; maxInFlight?: number } = {},
): (input: I) => Promise<O> {
  const gathered = createBatcher(async (inputs: I[]): Promise<Array<PromiseSettledResult<O>>> => {
    try {
      const outputs = inputs.length === 1 ? [await runOne(inputs[0])] : await runMany(inputs);
      return outputs.map((value) => ({ status: 'fulfilled', value }));
    } catch (error) {
      if (inputs.length === 1 || isDatabaseUnavailable(error)) throw error;
      return Promise.allSettled(inputs.map(runOne));
    }
  }, options);
  return async (input) => {
    const outcome = await gathered(input);
    if (outcome.status === 'rejected') throw outcome.reason;
    return outcome.value;
  };
}
