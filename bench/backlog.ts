/**
 * Fast fixtures for the bench: thousands of comments straight into PostgreSQL (multi-row inserts
 * through unnest), with encrypted emails as the API would store them, and their jobs added to the
 * queue in bulk with the same job ids the API uses.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { bodyHash } from '../src/comments/submit-comment';
import { createSecrets } from '../src/privacy/secrets';
import { MODERATION_QUEUE, moderationJob, moderationJobOptions, type ModerationJob } from '../src/queue/moderation-queue';
import { variedComment } from './load';
import { SECRET_KEY } from './stack';

const secrets = createSecrets(SECRET_KEY);

export async function insertComments(
  databaseUrl: string,
  articleIdFor: (n: number) => string,
  count: number,
  status: 'pending' | 'approved',
  options: { analyse?: boolean } = {},
): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const ids: string[] = [];
  try {
    for (let start = 0; start < count; start += 1000) {
      const rows = Array.from({ length: Math.min(1000, count - start) }, (_, i) => {
        const c = variedComment(start + i);
        return {
          id: randomUUID(),
          articleId: articleIdFor(start + i),
          name: c.authorName,
          enc: secrets.encryptEmail(c.authorEmail),
          hash: secrets.emailHash(c.authorEmail),
          ip: secrets.ipHash(c.ip),
          body: c.body,
          bodyHash: bodyHash(c.body),
        };
      });
      await client.query(
        `INSERT INTO comments (id, article_id, author_name, author_email_enc, author_email_hash, ip_hash, body, body_hash, status,
                               decided_by, decided_at)
         SELECT id, article_id, author_name, enc, hash, ip, body, body_hash, $9,
                CASE WHEN $9 = 'approved' THEN 'auto' END, CASE WHEN $9 = 'approved' THEN now() END
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[], $5::bytea[], $6::bytea[], $7::text[], $8::bytea[])
           AS t(id, article_id, author_name, enc, hash, ip, body, body_hash)`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.articleId),
          rows.map((r) => r.name),
          rows.map((r) => r.enc),
          rows.map((r) => r.hash),
          rows.map((r) => r.ip),
          rows.map((r) => r.body),
          rows.map((r) => r.bodyHash),
          status,
        ],
      );
      ids.push(...rows.map((r) => r.id));
    }
    // Only when asked: a burst's comments are not analysed before the drain that follows it (issue 15).
    if (options.analyse) await client.query('ANALYZE comments');
  } finally {
    await client.end();
  }
  return ids;
}

/**
 * Comments a backlog job carries (BENCH_JOB_SIZE, default 16): intake put 24-28 in one job during the
 * site phase's POST burst, and fewer at a steady, lower rate (docs/performance.md, round 10).
 */
const BACKLOG_JOB_SIZE = Number(process.env.BENCH_JOB_SIZE ?? 16);

/**
 * Adds the comments' jobs (1,000 to an `addBulk`) with the queue paused, calls `onBacklog` once all
 * of them wait (where the caller starts its clock), then resumes the queue: the workers find the whole
 * backlog waiting, and adding it is no part of the drain measured.
 */
export async function enqueueBacklog(redisUrl: string, prefix: string, ids: string[], onBacklog: () => Promise<void>): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<ModerationJob>(MODERATION_QUEUE, { connection, prefix, defaultJobOptions: moderationJobOptions });
  try {
    await queue.pause();
    for (let start = 0; start < ids.length; start += 1000) {
      // As intake adds them: the comments of concurrent POSTs share a job (up to 64).
      const slice = ids.slice(start, start + 1000);
      const jobs = [];
      for (let at = 0; at < slice.length; at += BACKLOG_JOB_SIZE) jobs.push(moderationJob(slice.slice(at, at + BACKLOG_JOB_SIZE)));
      await queue.addBulk(jobs);
    }
    await onBacklog();
  } finally {
    await queue.resume();
    await queue.close();
    connection.disconnect();
  }
}

export async function countPending(client: Client, ids?: string[]): Promise<number> {
  const { rows } = ids
    ? await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE status = 'pending' AND id = ANY($1::uuid[])`, [ids])
    : await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE status = 'pending'`);
  return rows[0].n;
}
