import type { Config, PerspectiveAttribute } from '../../src/config';
import { badAnswer, type ProviderCircuit } from './provider-circuit';

/**
 * Google's Perspective API (https://developers.perspectiveapi.com): POST
 * `comments:analyze?key=…` with the text and the attributes wanted; each comes back as
 * `attributeScores.X.summaryScore.value` in 0..1. Only the text is sent (`doNotStore`: Google
 * keeps no copy). Scores at or above the threshold hold the comment with the reason in words; they
 * never reject it by themselves.
 */
type PerspectiveSettings = NonNullable<Config['providers']['perspective']>;

export interface PerspectiveScores {
  scores: Partial<Record<PerspectiveAttribute, number>>;
  /** Attributes at or above the threshold, highest first. */
  flagged: PerspectiveAttribute[];
}

const WORDS: Record<PerspectiveAttribute, string> = {
  TOXICITY: 'toxic',
  SEVERE_TOXICITY: 'severely toxic',
  IDENTITY_ATTACK: 'an attack on a group or identity',
  INSULT: 'insulting',
  PROFANITY: 'profane',
  THREAT: 'threatening',
};

export function describeScores(result: PerspectiveScores): string {
  return result.flagged.map((a) => `${WORDS[a]} (${a} ${result.scores[a]!.toFixed(2)})`).join(', ');
}

export function createPerspective(settings: PerspectiveSettings, circuit: ProviderCircuit) {
  return {
    analyze(text: string): Promise<PerspectiveScores> {
      return circuit.call('analyze', async (signal) => {
        const response = await fetch(`${settings.url}/comments:analyze?key=${encodeURIComponent(settings.apiKey)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            comment: { text },
            requestedAttributes: Object.fromEntries(settings.attributes.map((a) => [a, {}])),
            languages: ['en'],
            doNotStore: true,
          }),
          signal,
          redirect: 'error',
        });
        if (!response.ok) {
          await response.body?.cancel();
          throw badAnswer('perspective', `HTTP ${response.status}`);
        }
        const body = (await response.json().catch(() => null)) as {
          attributeScores?: Record<string, { summaryScore?: { value?: unknown } }>;
        } | null;
        const scores: PerspectiveScores['scores'] = {};
        for (const a of settings.attributes) {
          const value = body?.attributeScores?.[a]?.summaryScore?.value;
          if (typeof value === 'number' && value >= 0 && value <= 1) scores[a] = value;
        }
        if (Object.keys(scores).length === 0) throw badAnswer('perspective', 'an answer with no scores');
        const flagged = (Object.keys(scores) as PerspectiveAttribute[])
          .filter((a) => scores[a]! >= settings.threshold)
          .sort((a, b) => scores[b]! - scores[a]!);
        return { scores, flagged };
      });
    },
  };
}

export type Perspective = ReturnType<typeof createPerspective>;
