import request from 'supertest';
import type { Server } from 'node:http';
import { ADMIN_KEY } from './test-stack';
import { buildComment, type CommentInput } from './factories';

/** The calls a widget and a moderator make, through HTTP, for tests to arrange state the way users do. */
export function apiClient(app: Server, key = ADMIN_KEY) {
  const auth = { Authorization: `Bearer ${key}` };
  return {
    async post(articleId: string, overrides: Partial<CommentInput> = {}): Promise<string> {
      const response = await request(app).post(`/v1/articles/${articleId}/comments`).send(buildComment(overrides));
      if (response.status !== 202) throw new Error(`post failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.id as string;
    },
    async moderate(id: string, action: 'approve' | 'reject' | 'spam', body?: object) {
      const req = request(app).post(`/v1/moderation/comments/${id}/${action}`).set(auth);
      const response = body ? await req.send(body) : await req;
      if (response.status !== 200) throw new Error(`${action} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async postApproved(articleId: string, overrides: Partial<CommentInput> = {}): Promise<string> {
      const id = await this.post(articleId, overrides);
      await this.moderate(id, 'approve');
      return id;
    },
    view: (id: string) => request(app).get(`/v1/moderation/comments/${id}`).set(auth),
    history: (id: string) => request(app).get(`/v1/moderation/comments/${id}/history`).set(auth),
    /** A reader at `ip` (the stack needs TRUST_PROXY) recommends a comment, or takes it back. */
    recommend: (id: string, ip: string, recommended = true) =>
      (recommended ? request(app).post(`/v1/comments/${id}/recommendation`) : request(app).delete(`/v1/comments/${id}/recommendation`)).set(
        'X-Forwarded-For',
        ip,
      ),
    /** A reader at `ip` (the stack needs TRUST_PROXY) reports a comment. */
    report: (id: string, ip: string, body: object = { reason: 'abusive' }) =>
      request(app).post(`/v1/comments/${id}/reports`).set('X-Forwarded-For', ip).send(body),
    feature: (id: string, featured = true) =>
      request(app)
        .post(`/v1/moderation/comments/${id}/${featured ? 'feature' : 'unfeature'}`)
        .set(auth),
    list: (query: Record<string, string | number> = {}) => request(app).get('/v1/moderation/comments').set(auth).query(query),
    createModerator: (name: string) => request(app).post('/v1/admin/moderators').set(auth).send({ name }),
  };
}
