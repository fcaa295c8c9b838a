/**
 * How many deliveries each webhook may have in flight in this worker process, so that one receiver
 * cannot take every delivery slot. A receiver may use up to `perWebhook` slots while it answers
 * quickly; once an attempt of its takes at least `slowMs` (a timeout always does), it gets one slot
 * until an attempt of its is quick again. A job over its receiver's share is put back (delayed, not
 * counted as an attempt) and its slot goes to another receiver's delivery.
 */
export interface ReceiverSlots {
  /** Takes a slot for the webhook, or answers how long to put the delivery back for. */
  take(webhookId: string): { taken: true } | { taken: false; retryInMs: number };
  /** Gives the slot back, with how long the attempt took. */
  release(webhookId: string, durationMs: number): void;
}

export function createReceiverSlots(options: { perWebhook: number; slowMs: number; timeoutMs: number }): ReceiverSlots {
  const inFlight = new Map<string, number>();
  const slow = new Set<string>();
  return {
    take(webhookId) {
      const used = inFlight.get(webhookId) ?? 0;
      const share = slow.has(webhookId) ? 1 : options.perWebhook;
      if (used >= share) {
        // A slow receiver's slot frees within its deadline; a busy quick one's almost at once.
        const wait = slow.has(webhookId) ? options.timeoutMs / 2 : 200;
        return { taken: false, retryInMs: Math.round(wait * (1 + Math.random() * 0.5)) };
      }
      inFlight.set(webhookId, used + 1);
      return { taken: true };
    },
    release(webhookId, durationMs) {
      const used = (inFlight.get(webhookId) ?? 1) - 1;
      if (used > 0) inFlight.set(webhookId, used);
      else inFlight.delete(webhookId);
      if (durationMs >= options.slowMs) slow.add(webhookId);
      else slow.delete(webhookId);
    },
  };
}
