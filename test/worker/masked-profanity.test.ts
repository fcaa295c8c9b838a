import { workerDecision } from '../helpers/decision-log';
import { randomArticleId } from '../helpers/factories';
import { apiClient } from '../helpers/api-client';
import { useTestStack } from '../helpers/test-stack';

/** PROFANITY_MASKED: whether "f**k" passes, holds or rejects is the newsroom's choice (issue 19). */
const MASKED = 'The council made a complete f**k-up of the bin rota again.';

describe.each([
  ['hold', undefined, { status: 'held', rule: 'profanity-masked' }],
  ['reject', 'reject', { status: 'rejected', rule: 'profanity-masked' }],
  ['approve', 'approve', { status: 'approved', rule: 'clean' }],
])('PROFANITY_MASKED=%s', (_name, setting, expected) => {
  const stack = useTestStack({ worker: true, env: setting ? { PROFANITY_MASKED: setting } : {} });

  test('When a comment masks a word with asterisks, then the setting decides it and the reason names the word', async () => {
    const api = apiClient(stack.app);
    const id = await api.post(randomArticleId(), { body: MASKED });

    const decision = await workerDecision(stack, id);

    expect(decision).toMatchObject(expected);
    if (expected.rule === 'profanity-masked') expect(decision.reason).toBe("masked profanity: 'f**k'");
    expect((await api.view(id)).body.checks.profanity).toMatchObject({ isProfane: false, terms: [], masked: ['f**k'] });
  });
});
