import type { Logger } from 'pino';
import type { Config } from '../../src/config';
import type { Metrics } from '../../src/metrics';
import { createAkismet, type Akismet, type AkismetComment, type AkismetVerdict } from './akismet';
import { createPerspective, describeScores, type PerspectiveScores } from './perspective';
import { createProviderCircuit, ProviderError } from './provider-circuit';

/**
 * What the outside providers said about one comment. A provider that is down, slow or behind an
 * open circuit adds a hold reason: the comment waits for a moderator rather than being published
 * unchecked (the usual platforms publish).
 */
export interface OutsideVerdict {
  /** Akismet's spam verdict in words; the comment goes to spam. */
  spam: string | null;
  /** Reasons in words to hold for a moderator: Perspective's flags, or a provider's failure. */
  hold: string[];
  akismet?: AkismetVerdict | { error: string };
  perspective?: PerspectiveScores | { error: string };
}

export interface OutsideChecks {
  check(comment: AkismetComment): Promise<OutsideVerdict>;
  /** For moderators' corrections (spam-feedback-sync.ts); null without Akismet. */
  akismet: Akismet | null;
  close(): void;
}

const UNCHECKED = 'held for a moderator instead of publishing it unchecked';

/** The configured providers, or null when none is (the default): then nothing leaves the worker. */
export function createOutsideChecks(config: Config, metrics: Metrics, logger: Logger): OutsideChecks | null {
  const { akismet: akismetSettings, perspective: perspectiveSettings, breaker } = config.providers;
  if (!akismetSettings && !perspectiveSettings) return null;
  const circuits = [
    akismetSettings ? createProviderCircuit('akismet', { ...breaker, timeoutMs: akismetSettings.timeoutMs }, metrics, logger) : null,
    perspectiveSettings
      ? createProviderCircuit('perspective', { ...breaker, timeoutMs: perspectiveSettings.timeoutMs }, metrics, logger)
      : null,
  ];
  const akismet = akismetSettings ? createAkismet(akismetSettings, circuits[0]!) : null;
  const perspective = perspectiveSettings ? createPerspective(perspectiveSettings, circuits[1]!) : null;

  return {
    akismet,
    async check(comment) {
      const [a, p] = await Promise.all([
        akismet ? settle(akismet.check(comment)) : null,
        perspective ? settle(perspective.analyze(comment.body)) : null,
      ]);
      const verdict: OutsideVerdict = { spam: null, hold: [] };
      if (a) {
        verdict.akismet = 'error' in a ? { error: a.error.message } : a.value;
        if ('error' in a) verdict.hold.push(`${a.error.message}: ${UNCHECKED}`);
        else if (a.value.spam) verdict.spam = a.value.discard ? 'Akismet: blatant spam (pro-tip: discard)' : 'Akismet: spam';
      }
      if (p) {
        verdict.perspective = 'error' in p ? { error: p.error.message } : p.value;
        if ('error' in p) verdict.hold.push(`${p.error.message}: ${UNCHECKED}`);
        else if (p.value.flagged.length) verdict.hold.push(`Perspective: ${describeScores(p.value)}`);
      }
      return verdict;
    },
    close() {
      for (const circuit of circuits) circuit?.shutdown();
    },
  };
}

async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: ProviderError }> {
  try {
    return { value: await promise };
  } catch (error) {
    // The circuit maps every failure to a ProviderError; anything else is a bug worth seeing.
    if (error instanceof ProviderError) return { error };
    throw error;
  }
}
