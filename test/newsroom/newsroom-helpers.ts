import request from 'supertest';
import type { Server } from 'node:http';
import type { Queryable } from '../../src/db/pool';
import { buildComment, type CommentInput } from '../helpers/factories';
import { ADMIN_KEY } from '../helpers/test-stack';
import { waitForDecision } from '../helpers/wait-for';

/** The newsroom tools through HTTP, as a moderator would call them. */
export function newsroomClient(app: Server, db: Queryable, key = ADMIN_KEY) {
  const auth = { Authorization: `Bearer ${key}` };
  const ok = async (call: request.Test, status = 200) => {
    const response = await call;
    if (response.status !== status) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  return {
    auth,
    /** Posts a comment and waits for the worker's decision; returns the id and the status. */
    async postAndDecide(articleId: string, overrides: Partial<CommentInput> = {}, headers: Record<string, string> = {}) {
      // A different reader's address each time (where TRUST_PROXY is set), so the spam check's
      // "many comments from one client" signal does not build up across a test file.
      const reader = { 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 254) + 1}`, ...headers };
      const response = await request(app).post(`/v1/articles/${articleId}/comments`).set(reader).send(buildComment(overrides));
      if (response.status !== 202) throw new Error(`post failed: ${response.status} ${JSON.stringify(response.body)}`);
      const id = response.body.id as string;
      return { id, status: await waitForDecision(db, id) };
    },
    history: (id: string) => ok(request(app).get(`/v1/moderation/comments/${id}/history`).set(auth)),
    async lastRule(id: string): Promise<string> {
      const { history } = await this.history(id);
      return history[history.length - 1].rule;
    },
    addTerms: (list: 'banned' | 'suspect', terms: string[]) =>
      ok(request(app).post(`/v1/moderation/word-lists/${list}/terms`).set(auth).send({ terms })),
    removeTerm: (list: 'banned' | 'suspect', term: string) =>
      ok(
        request(app)
          .delete(`/v1/moderation/word-lists/${list}/terms/${encodeURIComponent(term)}`)
          .set(auth),
      ),
    ban: (body: object, status = 201) => ok(request(app).post('/v1/moderation/bans').set(auth).send(body), status),
    liftBan: (id: string) => ok(request(app).delete(`/v1/moderation/bans/${id}`).set(auth)),
    article: (articleId: string, action: 'close' | 'reopen') =>
      ok(request(app).post(`/v1/moderation/articles/${articleId}/${action}`).set(auth)),
    premoderation: (articleId: string, body: object) =>
      ok(request(app).put(`/v1/moderation/articles/${articleId}/premoderation`).set(auth).send(body)),
    bulk: (body: object) => ok(request(app).post('/v1/moderation/comments/bulk').set(auth).send(body)),
    stats: (query: Record<string, string> = {}) => ok(request(app).get('/v1/moderation/stats').set(auth).query(query)),
  };
}
