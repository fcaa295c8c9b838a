import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createSecrets } from '../../src/privacy/secrets';
import { purgeExpired } from '../../src/privacy/retention';
import { ADMIN_KEY, TEST_SECRET_KEY, useTestStack, type TestStack } from '../helpers/test-stack';
import { randomArticleId } from '../helpers/factories';

const auth = { Authorization: `Bearer ${ADMIN_KEY}` };
const secrets = createSecrets(TEST_SECRET_KEY);

interface Person {
  tag: string;
  email: string;
  ip: string;
}

const newPerson = (): Person => {
  const tag = randomBytes(6).toString('hex');
  return { tag, email: `erase.${tag}@example.org`, ip: `198.51.100.${1 + (randomBytes(1)[0] % 250)}` };
};

/**
 * Every place in the database that still holds the person: their tag in any text, JSON or array
 * column of any table (names, bodies, reasons, notes, payloads), and their email and IP hashes in
 * any bytea column, or as hex or base64 in any text one. Walks information_schema, so a table added
 * later is searched too.
 */
async function whereIs(stack: TestStack, person: Person): Promise<string[]> {
  const hashes = [secrets.emailHash(person.email), secrets.ipHash(person.ip)];
  const needles = [person.tag, ...hashes.flatMap((h) => [h.toString('hex'), h.toString('base64')])];
  const columns = await stack.services.db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
       AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY')`,
  );
  const found: string[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const where =
      type === 'bytea'
        ? `position($1::bytea IN "${column}") > 0 OR position($2::bytea IN "${column}") > 0`
        : needles.map((_, i) => `strpos("${column}"::text, $${i + 1}) > 0`).join(' OR ');
    const params = type === 'bytea' ? hashes : needles;
    const [row] = await stack.services.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE ${where}`, params);
    if (row.n > 0) found.push(`${table}.${column}`);
  }
  return found.sort();
}

describe('POST /v1/admin/privacy/erase (what is left afterwards)', () => {
  const stack = useTestStack({ env: { TRUST_PROXY: '1' } });

  /** A reader, their comments, and everything moderators and admins attach to them through the API. */
  async function leaveTraces(person: Person): Promise<string[]> {
    const post = (body: string, key?: string) => {
      const req = request(stack.app)
        .post(`/v1/articles/${randomArticleId()}/comments`)
        .set('X-Forwarded-For', person.ip)
        .send({ authorName: `Name ${person.tag}`, authorEmail: person.email, body });
      return (key ? req.set('Idempotency-Key', key) : req).then((r) => {
        expect(r.status).toBe(202);
        return r.body.id as string;
      });
    };
    const insulting = await post(`You are all shills, says ${person.tag}`, `key-${person.tag}`);
    const advert = await post(`Cheap watches at watches.example, ${person.tag}`);
    const kept = await post(`A fair point about the story, ${person.tag}`);
    const moderate = (id: string, action: string, body: object) =>
      request(stack.app).post(`/v1/moderation/comments/${id}/${action}`).set(auth).send(body).expect(200);
    await moderate(insulting, 'reject', { reasonCode: 'abusive', reason: `quoted: "You are all shills, says ${person.tag}"` });
    await moderate(advert, 'spam', { reason: `advert for watches.example by ${person.tag}` });
    await moderate(kept, 'approve', { reason: `note: ${person.tag} is a regular` });
    await request(stack.app)
      .post('/v1/moderation/bans')
      .set(auth)
      .send({ commentId: insulting, kind: 'ip', durationDays: 30, reasonCode: 'abusive', reason: `shills comment by ${person.tag}` })
      .expect(201);
    await request(stack.app)
      .post('/v1/moderation/bans')
      .set(auth)
      .send({ commentId: advert, kind: 'email', durationDays: 7, reason: `advert by ${person.tag}` })
      .expect(201);
    // They also sent a notice of illegal content about someone else's comment.
    const other = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .send({ authorName: 'Someone else', authorEmail: `other.${person.tag}@example.net`, body: 'A claim about the minister.' })
      .then((r) => r.body.id as string);
    await request(stack.app).post(`/v1/moderation/comments/${other}/approve`).set(auth).expect(200);
    await request(stack.app)
      .post(`/v1/comments/${other}/reports`)
      .set('X-Forwarded-For', person.ip)
      .send({
        reason: 'illegal',
        explanation: `Defamatory, writes ${person.tag} in a notice`,
        reporterName: `Name ${person.tag}`,
        reporterEmail: person.email,
        goodFaith: true,
      })
      .expect(202);
    return [insulting, advert, kept];
  }

  test.each([
    ['anonymise', 'remove'],
    ['remove', 'remove'],
  ])('When a person is erased (mode %s, body %s), then no table holds their text or hashes', async (mode, body) => {
    const person = newPerson();
    await leaveTraces(person);
    expect(await whereIs(stack, person)).toEqual(
      expect.arrayContaining([
        'bans.reason',
        'bans.value_hash',
        'comment_reports.explanation',
        'comment_reports.reporter_email_hash',
        'comment_reports.reporter_name',
        'comments.author_email_hash',
        'comments.body',
        'moderation_events.reason',
        'spam_feedback.body',
      ]),
    );

    const erased = await request(stack.app).post('/v1/admin/privacy/erase').set(auth).send({ email: person.email, mode, body });

    expect(erased.status).toBe(200);
    expect(await whereIs(stack, person)).toEqual([]);
  });

  test('When a person is erased keeping the bodies, then only the bodies (and their own hashes) are left of them', async () => {
    const person = newPerson();
    const ids = await leaveTraces(person);

    const erased = await request(stack.app)
      .post('/v1/admin/privacy/erase')
      .set(auth)
      .send({ email: person.email, mode: 'anonymise', body: 'keep' });

    expect(erased.status).toBe(200);
    expect(await whereIs(stack, person)).toEqual(['comments.body']);
    const [row] = await stack.services.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM comments WHERE id = ANY($1::uuid[]) AND strpos(body, $2) > 0`,
      [ids, person.tag],
    );
    expect(row.n).toBe(3);
  });

  test('When a person wrote with a +tag before addresses were normalised, then erasing that address still finds their comments', async () => {
    const person = newPerson();
    const tagged = person.email.replace('@', '+news@');
    const posted = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .send({ authorName: `Name ${person.tag}`, authorEmail: tagged, body: `Older comment by ${person.tag}` })
      .expect(202);
    // Arrange: the row as an older Sift wrote it, hashed from the lower-cased address alone.
    const [, legacy] = secrets.emailLookupHashes(tagged);
    await stack.services.db.query('UPDATE comments SET author_email_hash = $2 WHERE id = $1', [posted.body.id, legacy]);

    const erased = await request(stack.app).post('/v1/admin/privacy/erase').set(auth).send({ email: tagged, mode: 'remove' });

    expect(erased.body).toMatchObject({ comments: 1 });
    expect(await whereIs(stack, person)).toEqual([]);
  });

  test("When the retention purge removes a person's refused comments, then no table holds their text or hashes", async () => {
    const person = newPerson();
    const post = (body: string) =>
      request(stack.app)
        .post(`/v1/articles/${randomArticleId()}/comments`)
        .set('X-Forwarded-For', person.ip)
        .send({ authorName: `Name ${person.tag}`, authorEmail: person.email, body })
        .expect(202)
        .then((r) => r.body.id as string);
    const advert = await post(`Cheap watches at watches.example, ${person.tag}`);
    const rude = await post(`Rude words from ${person.tag}`);
    await request(stack.app)
      .post(`/v1/moderation/comments/${advert}/spam`)
      .set(auth)
      .send({ reason: `advert by ${person.tag}` })
      .expect(200);
    await request(stack.app)
      .post(`/v1/moderation/comments/${rude}/reject`)
      .set(auth)
      .send({ reason: `rude: ${person.tag}` })
      .expect(200);
    expect(await whereIs(stack, person)).toContain('spam_feedback.body');
    // Arrange: both were decided longer ago than RETENTION_DAYS.
    await stack.services.db.query(
      `UPDATE comments SET created_at = now() - interval '40 days', decided_at = now() - interval '40 days' WHERE id = ANY($1::uuid[])`,
      [[advert, rude]],
    );

    await purgeExpired({ db: stack.services.db, logger: stack.services.logger, days: 30 });

    expect(await whereIs(stack, person)).toEqual([]);
  });
});
