import { describeFeature, extractFeatures } from './features';
import type { LinkSignals } from './links';
import { SiteModel, siteFeatures } from './site-model';
import { loadShippedExamples, SMS_SOURCE, type Example } from './training-data';

export type SpamLabel = 'spam' | 'ham';

/**
 * Naive Bayes over binary features (each feature once per comment), which suits short texts.
 * Classes get equal priors: the mix of spam and ham in the training data says nothing about the mix
 * a news site receives. Features never seen in training carry no evidence either way.
 */
const SMOOTHING = 1;
/** Moderators' decisions are about this site's own comments, so each counts as several base rows. */
export const FEEDBACK_WEIGHT = 4;
/** Per-feature evidence cap, so one rare word cannot decide alone. */
const MAX_FEATURE_LOG_ODDS = 2.5;
/** Labels of each class a site must have given before its own verdicts can lift the ceiling. */
const MIN_FEEDBACK = 20;
/** Without this site's own ham labels, a word must be this much likelier in its spam to count. */
const STAND_IN_MIN_LOG_ODDS = 2.5;
/**
 * Text messages teach less than comments: the SMS collection's ham is chat, so at full weight its
 * links-are-spam lesson flagged three more reader probes (a club statement, a tweet) and cost the
 * videos 1-2 points of F1 when each was held out; at a quarter neither (docs/checks.md).
 */
const SOURCE_WEIGHT: Record<string, number> = { [SMS_SOURCE]: 0.25 };

export function sourceBalanced<T extends { label: SpamLabel; source?: string }>(examples: T[]): Array<T & { weight: number }> {
  const groups = new Map<string, number>();
  const key = (e: T) => `${e.source ?? ''}\u0000${e.label}`;
  for (const e of examples) groups.set(key(e), (groups.get(key(e)) ?? 0) + 1);
  // The median group's size, so that the whole weighs about as many rows as before SMS joined and a
  // moderator's label (FEEDBACK_WEIGHT) keeps its say.
  const sizes = [...groups.values()].sort((a, b) => a - b);
  const typical = sizes.length ? sizes[Math.floor(sizes.length / 2)] : 1;
  return examples.map((e) => ({ ...e, weight: (SOURCE_WEIGHT[e.source ?? ''] ?? 1) * (typical / (groups.get(key(e)) ?? 1)) }));
}

let shipped: LearnedFilter | undefined;

export class LearnedFilter {
  private counts = { spam: new Map<string, number>(), ham: new Map<string, number>() };
  private readonly totals = { spam: 0, ham: 0 };
  /** Moderators' labels alone, so their verdict on this site's comments can be read on its own. */
  private readonly feedback = { spam: new Map<string, number>(), ham: new Map<string, number>() };
  private readonly feedbackTotals = { spam: 0, ham: 0 };
  /** Moderators' labels as given, for this site's own model. */
  private readonly labels: Array<{ text: string; spam: boolean; features: Int32Array }> = [];
  /** undefined: the labels changed since it was trained; null: too few labels yet. */
  private site: SiteModel | null | undefined = null;
  /**
   * Each known feature's capped log-odds under the current counts, so that scoring a comment is one
   * lookup a feature; built on the first score after the counts change (≈ 60,000 features, a few ms).
   */
  private evidence: Map<string, number> | null = null;

  /**
   * Trained on the shipped data once per process (≈ 0.6 s of CPU with the SMS collection), then
   * copied: a worker restarted in-process, and every test, starts from the same counts.
   */
  static fromShippedData(): LearnedFilter {
    shipped ??= LearnedFilter.fromExamples(loadShippedExamples());
    return shipped.copy();
  }

  /**
   * The same, trained in slices that yield to the event loop: a worker starting beside an API in
   * one process (the tests), or its own Redis and PostgreSQL clients, must not stall for the
   * second that training takes on a busy machine.
   */
  static async fromShippedDataYielding(): Promise<LearnedFilter> {
    if (!shipped) {
      const filter = new LearnedFilter();
      const rows = sourceBalanced(loadShippedExamples());
      for (let i = 0; i < rows.length; i += 250) {
        for (let j = i; j < Math.min(i + 250, rows.length); j++) filter.add(rows[j].text, rows[j].label, rows[j].weight);
        await new Promise((resolve) => setImmediate(resolve));
      }
      shipped ??= filter;
    }
    return shipped.copy();
  }

  private copy(): LearnedFilter {
    const filter = new LearnedFilter();
    for (const label of ['spam', 'ham'] as const) {
      filter.counts[label] = new Map(this.counts[label]);
      filter.totals[label] = this.totals[label];
    }
    // Never changed once built (a change of counts makes a new one), so copies share it.
    filter.evidence = this.evidence ??= this.evidenceOfEachFeature();
    return filter;
  }

  /**
   * Each source's spam and its ham count as much as any other source's (the mean group size), so
   * 4,827 text messages do not teach the filter that chat is what legitimate text looks like, nor
   * 60 handwritten rows count for nothing next to them.
   */
  static fromExamples(examples: Array<Pick<Example, 'text' | 'label'> & { source?: string }>): LearnedFilter {
    const filter = new LearnedFilter();
    for (const e of sourceBalanced(examples)) filter.add(e.text, e.label, e.weight);
    return filter;
  }

  learn(text: string, label: SpamLabel): void {
    this.add(text, label, FEEDBACK_WEIGHT);
    this.addFeedback(text, label, 1);
    this.labels.push({ text, spam: label === 'spam', features: siteFeatures(text) });
    this.site = undefined;
  }

  forget(text: string, label: SpamLabel): void {
    this.add(text, label, -FEEDBACK_WEIGHT);
    this.addFeedback(text, label, -1);
    const i = this.labels.findIndex((l) => l.text === text && l.spam === (label === 'spam'));
    if (i >= 0) this.labels.splice(i, 1);
    this.site = undefined;
  }

  /**
   * This site's own model's log-odds, once moderators have given MIN_FEEDBACK labels of each class
   * (null before). Retrained on the first comment checked after the labels changed.
   */
  siteLogOdds(text: string, links?: LinkSignals): number | null {
    if (this.site === undefined) {
      const spam = this.labels.filter((l) => l.spam).length;
      this.site = spam >= MIN_FEEDBACK && this.labels.length - spam >= MIN_FEEDBACK ? SiteModel.train(this.labels) : null;
    }
    return this.site ? this.site.logOddsOf(siteFeatures(text, links)) : null;
  }

  /** How many labels moderators have given, per class (learned minus forgotten). */
  feedbackCounts(): { spam: number; ham: number } {
    return { ...this.feedbackTotals };
  }

  /**
   * Log-odds of spam from moderators' labels alone (0 until they have marked MIN_FEEDBACK comments
   * as spam). Each feature's evidence is capped and needs two labels behind it, so one mislabelled
   * comment cannot decide a verdict.
   *
   * The moderators' spam labels are also read against the shipped ham (with any ham labels folded
   * in), which stands in for this site's readers: only words marked spam at least three times and
   * rare in it count. That is the whole verdict until moderators have given MIN_FEEDBACK ham labels
   * (approving a comment the worker already approved records no label, so on a site whose readers
   * are auto-approved, ham labels stay scarce); after that the stronger of the two verdicts counts.
   */
  feedbackLogOdds(text: string): number {
    const { spam: ts, ham: th } = this.feedbackTotals;
    if (ts < MIN_FEEDBACK) return 0;
    const features = extractFeatures(text);
    const standIn = this.spamLabelsAgainst(features, this.counts.ham, this.totals.ham, true);
    if (th < MIN_FEEDBACK) return standIn;
    return Math.max(standIn, this.spamLabelsAgainst(features, this.feedback.ham, th, false));
  }

  private spamLabelsAgainst(features: string[], ham: Map<string, number>, hamTotal: number, standIn: boolean): number {
    const ts = this.feedbackTotals.spam;
    let logOdds = 0;
    for (const f of features) {
      const s = this.feedback.spam.get(f) ?? 0;
      const h = ham.get(f) ?? 0;
      if (standIn ? s < 3 : s + h < 2) continue;
      const raw = Math.log((s + SMOOTHING) / (ts + 2 * SMOOTHING)) - Math.log((h + SMOOTHING) / (hamTotal + 2 * SMOOTHING));
      if (standIn && raw < STAND_IN_MIN_LOG_ODDS) continue;
      logOdds += Math.max(-MAX_FEATURE_LOG_ODDS, Math.min(MAX_FEATURE_LOG_ODDS, raw));
    }
    return logOdds;
  }

  private addFeedback(text: string, label: SpamLabel, weight: number): void {
    const counts = this.feedback[label];
    for (const f of extractFeatures(text)) {
      const next = (counts.get(f) ?? 0) + weight;
      if (next <= 0) counts.delete(f);
      else counts.set(f, next);
    }
    this.feedbackTotals[label] = Math.max(0, this.feedbackTotals[label] + weight);
  }

  /** Log-odds of spam, with the features that pushed it most towards spam. */
  score(text: string): { logOdds: number; spamFeatures: string[]; hamFeatures: string[] } {
    const contributions: Array<[string, number]> = [];
    let logOdds = 0;
    const evidence = (this.evidence ??= this.evidenceOfEachFeature());
    for (const f of extractFeatures(text)) {
      const c = evidence.get(f);
      if (c === undefined) continue;
      logOdds += c;
      contributions.push([f, c]);
    }
    contributions.sort((a, b) => b[1] - a[1]);
    const spamFeatures = contributions
      .filter(([, c]) => c > 0.5)
      .slice(0, 3)
      .map(([f]) => describeFeature(f));
    const hamFeatures = contributions
      .filter(([, c]) => c < -0.5)
      .slice(-3)
      .reverse()
      .map(([f]) => describeFeature(f));
    return { logOdds, spamFeatures, hamFeatures };
  }

  private evidenceOfEachFeature(): Map<string, number> {
    const evidence = new Map<string, number>();
    const spamTotal = this.totals.spam + 2 * SMOOTHING;
    const hamTotal = this.totals.ham + 2 * SMOOTHING;
    for (const f of new Set([...this.counts.spam.keys(), ...this.counts.ham.keys()])) {
      const s = this.counts.spam.get(f) ?? 0;
      const h = this.counts.ham.get(f) ?? 0;
      if (s + h <= 0) continue;
      const raw = Math.log((s + SMOOTHING) / spamTotal) - Math.log((h + SMOOTHING) / hamTotal);
      evidence.set(f, Math.max(-MAX_FEATURE_LOG_ODDS, Math.min(MAX_FEATURE_LOG_ODDS, raw)));
    }
    return evidence;
  }

  classify(text: string): { probability: number; evidence: string[] } {
    const { logOdds, spamFeatures, hamFeatures } = this.score(text);
    const probability = 1 / (1 + Math.exp(-logOdds / 3));
    const evidence = probability >= 0.5 ? spamFeatures : hamFeatures;
    return { probability, evidence };
  }

  private add(text: string, label: SpamLabel, weight: number): void {
    this.evidence = null;
    const counts = this.counts[label];
    for (const f of extractFeatures(text)) {
      const next = (counts.get(f) ?? 0) + weight;
      if (next <= 0) counts.delete(f);
      else counts.set(f, next);
    }
    this.totals[label] = Math.max(0, this.totals[label] + weight);
  }
}
