import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { newsroomClient } from './newsroom-helpers';

describe('Trust (worker policy)', () => {
  describe('borderline scores', () => {
    // SPAM_HOLD_THRESHOLD=0 makes every comment that is not clear spam "borderline", so the test
    // does not depend on how the spam check scores a particular sentence.
    const stack = useTestStack({
      worker: true,
      env: { SPAM_HOLD_THRESHOLD: '0', TRUST_MIN_APPROVED: '2', TRUST_WINDOW_DAYS: '30', HOLD_FIRST_COMMENT_WITH_LINK: 'false' },
    });
    let mod: ReturnType<typeof newsroomClient>;
    beforeAll(() => {
      mod = newsroomClient(stack.app, stack.services.db);
    });

    async function earnApprovals(email: string, count: number) {
      for (let i = 0; i < count; i++) {
        const { id, status } = await mod.postAndDecide(randomArticleId(), {
          authorEmail: email,
          body: `Comment ${i} on the budget: the council should publish the figures.`,
        });
        expect(status).toBe('held');
        await apiClient(stack.app).moderate(id, 'approve');
      }
    }

    test("When an author has N approved comments and no rejection, then their borderline comment is approved while a newcomer's is held", async () => {
      const trusted = 'regular.reader@example.org';
      await earnApprovals(trusted, 2);
      const body = 'Interesting piece, though I would like to see the sources.';

      const fromTrusted = await mod.postAndDecide(randomArticleId(), { authorEmail: trusted, body });
      const fromNewcomer = await mod.postAndDecide(randomArticleId(), { body });

      expect(fromTrusted.status).toBe('approved');
      expect(await mod.lastRule(fromTrusted.id)).toBe('trusted');
      expect(fromNewcomer.status).toBe('held');
      expect(await mod.lastRule(fromNewcomer.id)).toBe('borderline-spam');
    });

    test('When a trusted author has a recent rejection, then their borderline comment is held again', async () => {
      const email = 'slipped.once@example.org';
      await earnApprovals(email, 2);
      const { id } = await mod.postAndDecide(randomArticleId(), { authorEmail: email });
      await apiClient(stack.app).moderate(id, 'reject', { reasonCode: 'abusive' });

      const next = await mod.postAndDecide(randomArticleId(), { authorEmail: email });
      expect(next.status).toBe('held');
    });

    test('When a trusted author uses a banned term, then trust does not save the comment', async () => {
      const email = 'trusted.but.rude@example.org';
      await earnApprovals(email, 2);
      await mod.addTerms('banned', ['nincompoop']);
      const next = await mod.postAndDecide(randomArticleId(), { authorEmail: email, body: 'The editor is a n1nc0mp00p.' });
      expect(next.status).toBe('rejected');
      expect(await mod.lastRule(next.id)).toBe('banned-term');
    });
  });

  describe('first-time authors with a link', () => {
    // A hold threshold equal to the spam threshold switches "borderline" off, isolating the link rule.
    const stack = useTestStack({ worker: true, env: { SPAM_HOLD_THRESHOLD: '0.5', SPAM_THRESHOLD: '0.5' } });
    let mod: ReturnType<typeof newsroomClient>;
    beforeAll(() => {
      mod = newsroomClient(stack.app, stack.services.db);
    });

    const withLink = 'The full council report is at https://www.example.gov.uk/reports/budget-2024 for anyone curious.';

    test('When a first-time author posts a link, then the comment is held; once they have an approved comment, a link passes', async () => {
      const email = 'linker@example.org';
      const first = await mod.postAndDecide(randomArticleId(), { authorEmail: email, body: withLink });
      expect(first.status).toBe('held');
      expect(await mod.lastRule(first.id)).toBe('first-time-link');

      await apiClient(stack.app).moderate(first.id, 'approve');
      const second = await mod.postAndDecide(randomArticleId(), { authorEmail: email, body: `${withLink} Page 12.` });
      expect(second.status).toBe('approved');
    });
  });
});
