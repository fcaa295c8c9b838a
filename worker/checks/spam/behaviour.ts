import type { BehaviourSignals } from '../types';

/**
 * Posting behaviour. A newsroom's busiest readers, a shared office or a phone network's NAT can all
 * post fast from one IP, so velocity only nudges a comment that already looks doubtful; SpamCheck
 * never lets velocity alone cross the spam threshold. The same text posted again is stronger
 * evidence (copy-paste campaigns), but people also repeat short replies ("Thank you"), so it too
 * only adds weight.
 */
export interface BehaviourEvidence {
  velocityWeight: number;
  duplicateWeight: number;
  reasons: string[];
}

export function behaviourSignals(signals: BehaviourSignals | undefined): BehaviourEvidence {
  const out: BehaviourEvidence = { velocityWeight: 0, duplicateWeight: 0, reasons: [] };
  if (!signals) return out;
  const { authorRecentCount, ipRecentCount, duplicateBodyCount } = signals;
  if (duplicateBodyCount >= 1) {
    out.duplicateWeight = duplicateBodyCount >= 3 ? 0.9 : 0.5;
    out.reasons.push(`same text posted ${duplicateBodyCount} time${duplicateBodyCount === 1 ? '' : 's'} before in the last 24 h`);
  }
  if (authorRecentCount >= 3) {
    out.velocityWeight += authorRecentCount >= 10 ? 0.5 : 0.3;
    out.reasons.push(`author posted ${authorRecentCount} other comments in the last 10 minutes`);
  }
  if (ipRecentCount >= 10) {
    out.velocityWeight += 0.2;
    out.reasons.push(`${ipRecentCount} other comments from the same IP in the last 10 minutes`);
  }
  return out;
}
