import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';

describe('Moderator keys: list, revoke, issue anew (admin only, audited)', () => {
  const stack = useTestStack();
  const admin = { Authorization: `Bearer ${ADMIN_KEY}` };

  const create = async (label: string) => {
    const created = await apiClient(stack.app).createModerator(`${label}-${randomArticleId()}`);
    expect(created.status).toBe(201);
    return created.body as { id: string; name: string; apiKey: string };
  };
  const useKey = (key: string) => request(stack.app).get('/v1/moderation/comments').set('Authorization', `Bearer ${key}`);
  const account = async (id: string) => {
    const response = await request(stack.app).get(`/v1/admin/moderators/${id}`).set(admin);
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('GET /v1/admin/moderators', () => {
    test('When the admin lists moderators, then each shows whether active and when the key was issued and last used, and no key or hash', async () => {
      const priya = await create('priya');
      const before = await request(stack.app).get('/v1/admin/moderators').set(admin);
      expect(before.status).toBe(200);
      expect(before.body.moderators).toContainEqual({
        id: priya.id,
        name: priya.name,
        active: true,
        createdAt: expect.any(String),
        keyIssuedAt: expect.any(String),
        keyLastUsedAt: null,
        revokedAt: null,
      });

      expect((await useKey(priya.apiKey)).status).toBe(200);
      const firstUse = (await account(priya.id)).keyLastUsedAt;
      expect(Date.now() - Date.parse(firstUse)).toBeLessThan(60_000);
      // Within the minute a second use writes nothing: the time stays that of the first.
      expect((await useKey(priya.apiKey)).status).toBe(200);
      expect((await account(priya.id)).keyLastUsedAt).toBe(firstUse);

      const listed = JSON.stringify((await request(stack.app).get('/v1/admin/moderators').set(admin)).body);
      expect(listed).not.toContain(priya.apiKey);
      expect(listed).not.toMatch(/apiKey|hash/i);
    });

    test('When the last use is over a minute old, then the next use moves it', async () => {
      const sam = await create('sam');
      await useKey(sam.apiKey);
      await stack.services.db.query(`UPDATE moderators SET key_last_used_at = now() - interval '2 minutes' WHERE id = $1`, [sam.id]);
      const stale = (await account(sam.id)).keyLastUsedAt;

      await useKey(sam.apiKey);

      expect(Date.parse((await account(sam.id)).keyLastUsedAt)).toBeGreaterThan(Date.parse(stale));
    });
  });

  describe('POST /v1/admin/moderators/:id/revoke', () => {
    test('When the admin revokes a key, then it answers 401 from the next request on, the list shows it revoked, and the history says who and when', async () => {
      const lee = await create('lee');
      expect((await useKey(lee.apiKey)).status).toBe(200);

      const revoked = await request(stack.app).post(`/v1/admin/moderators/${lee.id}/revoke`).set(admin);

      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: lee.id, active: false, revokedAt: expect.any(String) });
      const refused = await useKey(lee.apiKey);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthorized');
      // Revoking again changes nothing and audits nothing.
      expect((await request(stack.app).post(`/v1/admin/moderators/${lee.id}/revoke`).set(admin)).body.revokedAt).toBe(
        revoked.body.revokedAt,
      );
      expect((await account(lee.id)).history).toEqual([
        { action: 'created', by: 'admin', at: expect.any(String) },
        { action: 'revoked', by: 'admin', at: expect.any(String) },
      ]);
    });
  });

  describe('POST /v1/admin/moderators/:id/key', () => {
    test('When the admin issues a new key, then the old key answers 401, the new one works, it is shown only once, and it is audited', async () => {
      const kim = await create('kim');

      const issued = await request(stack.app).post(`/v1/admin/moderators/${kim.id}/key`).set(admin);

      expect(issued.status).toBe(201);
      expect(issued.body).toEqual({ id: kim.id, name: kim.name, apiKey: expect.stringMatching(/^sift_/) });
      expect(issued.body.apiKey).not.toBe(kim.apiKey);
      expect((await useKey(kim.apiKey)).status).toBe(401);
      expect((await useKey(issued.body.apiKey)).status).toBe(200);
      const after = await account(kim.id);
      expect(JSON.stringify(after)).not.toContain(issued.body.apiKey);
      expect(after).toMatchObject({ active: true, keyLastUsedAt: expect.any(String) });
      expect(after.history.map((event: { action: string }) => event.action)).toEqual(['created', 'key_issued']);
    });

    test('When a revoked moderator is issued a new key, then they are active again with only the new key', async () => {
      const ali = await create('ali');
      await request(stack.app).post(`/v1/admin/moderators/${ali.id}/revoke`).set(admin);

      const issued = await request(stack.app).post(`/v1/admin/moderators/${ali.id}/key`).set(admin);

      expect((await useKey(issued.body.apiKey)).status).toBe(200);
      expect((await useKey(ali.apiKey)).status).toBe(401);
      expect(await account(ali.id)).toMatchObject({ active: true, revokedAt: null });
    });
  });

  describe('who may manage keys', () => {
    test('When a moderator key calls the key endpoints, then 403, and nothing changes', async () => {
      const mod = await create('mod');
      const other = await create('other');
      const auth = { Authorization: `Bearer ${mod.apiKey}` };

      for (const call of [
        request(stack.app).get('/v1/admin/moderators').set(auth),
        request(stack.app).get(`/v1/admin/moderators/${other.id}`).set(auth),
        request(stack.app).post(`/v1/admin/moderators/${other.id}/key`).set(auth),
        request(stack.app).post(`/v1/admin/moderators/${other.id}/revoke`).set(auth),
      ]) {
        const response = await call;
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      }
      expect((await useKey(other.apiKey)).status).toBe(200);
    });

    test('When the moderator id is unknown or malformed, then 404 in the contract shape', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
        for (const call of [
          request(stack.app).get(`/v1/admin/moderators/${id}`).set(admin),
          request(stack.app).post(`/v1/admin/moderators/${id}/key`).set(admin),
          request(stack.app).post(`/v1/admin/moderators/${id}/revoke`).set(admin),
        ]) {
          const response = await call;
          expect(response.status).toBe(404);
          expect(response.body.error).toEqual({ code: 'not_found', message: 'No moderator with this id' });
        }
      }
    });
  });
});
