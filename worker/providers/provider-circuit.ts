import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';
import type { Metrics } from '../../src/metrics';

export type ProviderName = 'akismet' | 'perspective';

/** Why a provider gave no usable answer; `message` is in words, for the moderators' reason. */
export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderName,
    readonly reason: 'timeout' | 'http' | 'network' | 'answer' | 'circuit-open',
    message: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

const LABEL: Record<ProviderName, string> = { akismet: 'Akismet', perspective: 'Perspective' };

/**
 * One provider's calls behind a timeout and a circuit breaker (opossum), with metrics. After
 * `failures` failed calls (at least half of those in a 10 s window) the circuit opens: calls fail at
 * once, without reaching the provider, for `resetMs`; then one call is let through to try it again.
 * The timeout aborts the request itself (AbortSignal), so a slow provider holds no sockets.
 */
export function createProviderCircuit(
  provider: ProviderName,
  settings: { timeoutMs: number; failures: number; resetMs: number },
  metrics: Metrics,
  logger: Logger,
) {
  const breaker = new CircuitBreaker(async (run: () => Promise<unknown>) => run(), {
    timeout: false,
    errorThresholdPercentage: 50,
    volumeThreshold: settings.failures,
    resetTimeout: settings.resetMs,
    rollingCountTimeout: 10_000,
    rollingCountBuckets: 10,
  });
  const state = metrics.providerBreakerState.labels(provider);
  state.set(0);
  breaker.on('open', () => {
    state.set(1);
    logger.warn({ provider, resetMs: settings.resetMs }, 'provider circuit open: comments are held until it answers again');
  });
  breaker.on('halfOpen', () => state.set(0.5));
  breaker.on('close', () => {
    state.set(0);
    logger.info({ provider }, 'provider circuit closed');
  });

  return {
    /** Runs `request` with an abort signal that fires after the timeout; maps every failure to a ProviderError. */
    async call<T>(call: string, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
      const end = metrics.providerLatency.startTimer({ provider, call });
      try {
        const result = (await breaker.fire(() => request(AbortSignal.timeout(settings.timeoutMs)))) as T;
        end();
        metrics.providerCalls.inc({ provider, call, outcome: 'ok' });
        return result;
      } catch (error) {
        const failure = describe(provider, error, settings.timeoutMs);
        if (failure.reason === 'circuit-open') metrics.providerCalls.inc({ provider, call, outcome: 'short-circuit' });
        else {
          end();
          metrics.providerCalls.inc({ provider, call, outcome: failure.reason === 'timeout' ? 'timeout' : 'failure' });
        }
        metrics.providerFailures.inc({ provider, reason: failure.reason });
        throw failure;
      }
    },
    get isOpen(): boolean {
      return breaker.opened;
    },
    shutdown(): void {
      breaker.shutdown();
    },
  };
}

export type ProviderCircuit = ReturnType<typeof createProviderCircuit>;

function describe(provider: ProviderName, error: unknown, timeoutMs: number): ProviderError {
  if (error instanceof ProviderError) return error;
  const name = LABEL[provider];
  const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  if (e.code === 'EOPENBREAKER')
    return new ProviderError(provider, 'circuit-open', `${name} is not being called after repeated failures (circuit open)`);
  if (e.name === 'TimeoutError' || e.name === 'AbortError')
    return new ProviderError(provider, 'timeout', `${name} did not answer within ${timeoutMs} ms`);
  return new ProviderError(
    provider,
    'network',
    `${name} could not be reached (${e.cause?.code ?? e.code ?? e.message ?? 'network error'})`,
  );
}

/** For adapters: a non-2xx answer or one that cannot be read is a failure of the provider. */
export function badAnswer(provider: ProviderName, what: string): ProviderError {
  return new ProviderError(
    provider,
    what.startsWith('HTTP') ? 'http' : 'answer',
    `${LABEL[provider]} ${what.startsWith('HTTP') ? 'answered' : 'gave'} ${what}`,
  );
}
