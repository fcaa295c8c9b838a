/**
 * Runs `task` every `intervalMs`, never two at once (the next run is scheduled when one ends).
 * stop() cancels the next run and waits for the one in progress.
 */
export function runPeriodically(
  intervalMs: number,
  task: () => Promise<unknown>,
  onError: (error: Error) => void,
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout;
  const tick = () => {
    running = task()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
