import { decide, type ArticleContext, type CheckResults, type NewsroomContext, type Policy } from '../../worker/decide';

/**
 * The policy as a table: each rule alone, then every pair of rules, where the earlier rule must win.
 * worker/decide.ts lists the rules in the order they apply; this is the same list, checked.
 */

interface Situation {
  results: CheckResults;
  policy: Policy;
  article: ArticleContext;
  context: NewsroomContext;
}

function cleanSituation(): Situation {
  return {
    results: { spam: { isSpam: false, score: 0.05, reasons: [] }, profanity: { isProfane: false, terms: [], reasons: [] } },
    policy: { holdThreshold: 0.3 },
    article: { premoderation: false },
    context: {
      ban: null,
      wordLists: { banned: [], suspect: [] },
      author: { trusted: false, firstTime: false },
      hasLink: false,
      holdFirstCommentWithLink: true,
    },
  };
}

/** Each rule, in the order decide() applies them, with what makes it apply and what it decides. */
const RULES: Array<{ rule: string; status: string; when: string; apply(s: Situation): void }> = [
  {
    rule: 'ban',
    status: 'rejected',
    when: "the author's email is banned",
    apply: (s) => (s.context.ban = { id: 'ban-1', kind: 'email', reasonCode: null }),
  },
  {
    rule: 'banned-term',
    status: 'rejected',
    when: 'a term of the banned list is in the text',
    apply: (s) => (s.context.wordLists.banned = ['zorbleflex']),
  },
  {
    rule: 'spam',
    status: 'spam',
    when: 'the spam check says spam',
    apply: (s) => (s.results.spam = { isSpam: true, score: 0.9, reasons: ['link farm'] }),
  },
  {
    rule: 'profanity',
    status: 'held',
    when: 'the profanity check finds a term',
    apply: (s) => (s.results.profanity = { isProfane: true, terms: ['fuck'], reasons: [] }),
  },
  {
    rule: 'suspect-term',
    status: 'held',
    when: 'a term of the suspect list is in the text',
    apply: (s) => (s.context.wordLists.suspect = ['crypto']),
  },
  {
    rule: 'borderline-spam',
    status: 'held',
    when: 'the spam score is at the hold threshold and the author is not trusted',
    apply: (s) => (s.results.spam = { ...s.results.spam, score: Math.max(s.results.spam.score, 0.3) }),
  },
  {
    rule: 'first-time-link',
    status: 'held',
    when: "a first-time author's comment has a link",
    apply: (s) => Object.assign(s.context, { hasLink: true, author: { ...s.context.author, firstTime: true } }),
  },
  {
    rule: 'premoderation',
    status: 'held',
    when: 'the article is in pre-moderation',
    apply: (s) => (s.article.premoderation = true),
  },
  {
    rule: 'trusted',
    status: 'approved',
    when: 'the spam score is borderline but the author is trusted',
    apply: (s) => {
      s.results.spam = { ...s.results.spam, score: Math.max(s.results.spam.score, 0.4) };
      s.context.author = { ...s.context.author, trusted: true };
    },
  },
];

function decideWith(...rules: typeof RULES): ReturnType<typeof decide> {
  const s = cleanSituation();
  // Later rules first, so an earlier rule's signal is the one that stays when two touch the same field.
  for (const rule of [...rules].reverse()) rule.apply(s);
  return decide(s.results, s.policy, s.article, s.context);
}

describe('decide() (worker/decide.ts)', () => {
  test('When nothing is found, then approved by rule clean', () => {
    expect(decideWith()).toMatchObject({ status: 'approved', rule: 'clean' });
  });

  test.each(RULES.map((r) => [r.when, r.rule, r.status, r] as const))(
    'When %s (alone), then rule %s decides %s',
    (_when, rule, status, r) => {
      expect(decideWith(r)).toMatchObject({ status, rule });
    },
  );

  // "borderline-spam" applies only to authors who are not trusted, and "trusted" only to trusted ones:
  // the one pair that cannot hold at once (and is checked on its own below).
  const pairs = RULES.flatMap((first, i) =>
    RULES.slice(i + 1)
      .filter((later) => !(first.rule === 'borderline-spam' && later.rule === 'trusted'))
      .map((later) => [first.rule, later.rule, first, later] as const),
  );
  test.each(pairs)('When rules %s and %s both apply, then %s decides', (rule, _later, first, later) => {
    expect(decideWith(first, later)).toMatchObject({ status: first.status, rule });
  });

  test('When every rule applies at once, then the ban decides', () => {
    expect(decideWith(...RULES.filter((r) => r.rule !== 'trusted'))).toMatchObject({ status: 'rejected', rule: 'ban' });
  });

  test('When a trusted author has a borderline score, then later hold rules still apply before "trusted" approves', () => {
    const trusted = RULES.find((r) => r.rule === 'trusted')!;
    const firstTimeLink = RULES.find((r) => r.rule === 'first-time-link')!;
    const premoderation = RULES.find((r) => r.rule === 'premoderation')!;

    expect(decideWith(trusted)).toMatchObject({ status: 'approved', rule: 'trusted' });
    expect(decideWith(firstTimeLink, trusted)).toMatchObject({ status: 'held', rule: 'first-time-link' });
    expect(decideWith(premoderation, trusted)).toMatchObject({ status: 'held', rule: 'premoderation' });
  });

  test('When the newsroom has switched off holding first comments with a link, then such a comment is approved', () => {
    const s = cleanSituation();
    RULES.find((r) => r.rule === 'first-time-link')!.apply(s);
    s.context.holdFirstCommentWithLink = false;

    expect(decide(s.results, s.policy, s.article, s.context)).toMatchObject({ status: 'approved', rule: 'clean' });
  });

  test('When a score is just under the hold threshold, then it is not borderline; at the threshold it is', () => {
    const at = (score: number) => {
      const s = cleanSituation();
      s.results.spam.score = score;
      return decide(s.results, s.policy, s.article, s.context).rule;
    };

    expect([at(0.2999), at(0.3)]).toEqual(['clean', 'borderline-spam']);
  });

  test('When a ban decides, then the reason names the kind of ban and its id, and the reason code defaults to abusive', () => {
    const s = cleanSituation();
    s.context.ban = { id: 'ban-7', kind: 'ip', reasonCode: null };
    const byIp = decide(s.results, s.policy, s.article, s.context);
    s.context.ban = { id: 'ban-8', kind: 'email', reasonCode: 'harassment' };
    const byEmail = decide(s.results, s.policy, s.article, s.context);

    expect(byIp).toEqual({ status: 'rejected', rule: 'ban', reason: 'the client IP is banned (ban ban-7)', reasonCode: 'abusive' });
    expect(byEmail).toEqual({ status: 'rejected', rule: 'ban', reason: 'the author is banned (ban ban-8)', reasonCode: 'harassment' });
  });

  test('When word-list terms decide, then each term is quoted once in the reason', () => {
    const s = cleanSituation();
    s.context.wordLists.banned = ['scam', 'scam', 'fraud'];

    expect(decide(s.results, s.policy, s.article, s.context)).toEqual({
      status: 'rejected',
      rule: 'banned-term',
      reason: "banned term: 'scam', 'fraud'",
      reasonCode: 'offensive',
    });
  });

  test('When no newsroom context is given, then only the checks, the threshold and the article decide', () => {
    const { results, policy } = cleanSituation();

    expect(decide(results, policy, { premoderation: false }).rule).toBe('clean');
    expect(decide(results, policy, { premoderation: true }).rule).toBe('premoderation');
  });
});
