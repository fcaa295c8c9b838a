import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { projectRoot } from './paths';

// Any constant works; it only has to be the same for every runner of these migrations.
const MIGRATION_LOCK_ID = 7_463_201_935;

const FILE_NAME = /^\d{3}_[a-z0-9_]+\.sql$/;

/**
 * The first line that lets a file run outside a transaction, one statement at a time: what
 * `CREATE INDEX CONCURRENTLY` needs, so that a large live table keeps taking writes while its index
 * is built. Such a file must be safe to run again after an interruption (`IF NOT EXISTS`): an
 * interrupted concurrent build leaves an invalid index behind, which the runner drops before the
 * file runs again (see dropInvalidIndexesNamedIn).
 */
export const NO_TRANSACTION_MARKER = '-- sift:no-transaction';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
  transactional: boolean;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * sql/NNN_name.sql, in order. A `.sql` file named otherwise is refused rather than skipped: it
 * would otherwise never run, silently.
 */
export function migrationFiles(dir = path.join(projectRoot(), 'sql')): MigrationFile[] {
  const names = readdirSync(dir).filter((name) => name.toLowerCase().endsWith('.sql'));
  const misnamed = names.filter((name) => !FILE_NAME.test(name));
  if (misnamed.length > 0) {
    throw new Error(`misnamed migration file(s) in ${dir}: ${misnamed.join(', ')} (expected NNN_lower_case_name.sql)`);
  }
  return names.sort().map((name) => {
    // Line endings are not content: a checkout that turns LF into CRLF has not edited a migration.
    const sql = readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n');
    return {
      name,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
      transactional: sql.split('\n', 1)[0].trim() !== NO_TRANSACTION_MARKER,
    };
  });
}

/** Creates the database named in the URL when it is missing; safe when two runners race. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error('DATABASE_URL names no database');
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    const quoted = '"' + name.replace(/"/g, '""') + '"';
    try {
      await admin.query(`CREATE DATABASE ${quoted}`);
    } catch (error) {
      // 42P04 duplicate_database, 23505 when the other runner's catalogue insert won the race
      const code = (error as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw error;
    }
  } finally {
    await admin.end();
  }
}

/**
 * Applies sql/NNN_name.sql in order, each in its own transaction (or, with the marker, outside
 * one), under an advisory lock so that concurrent runners take turns; applied files are recorded
 * with a checksum and never run again, and a file edited after it was applied is refused.
 * Databases migrated before checksums were recorded get theirs on the first run.
 */
export async function migrate(databaseUrl: string, dir?: string): Promise<MigrationResult> {
  const files = migrationFiles(dir);
  await ensureDatabase(databaseUrl);
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  try {
    await takeMigrationLock(client);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name       text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    await client.query('ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text');
    const recorded = new Map(
      (await client.query<{ name: string; checksum: string | null }>('SELECT name, checksum FROM schema_migrations')).rows.map((row) => [
        row.name,
        row.checksum,
      ]),
    );
    for (const file of files) {
      const checksum = recorded.get(file.name);
      if (checksum === undefined) continue;
      if (checksum === null) {
        await client.query('UPDATE schema_migrations SET checksum = $2 WHERE name = $1', [file.name, file.checksum]);
      } else if (checksum !== file.checksum) {
        throw new Error(
          `migration ${file.name} was edited after it was applied (checksum ${checksum.slice(0, 12)}…, file ${file.checksum.slice(0, 12)}…): ` +
            'applied migrations are never edited; add a new file instead',
        );
      }
    }
    for (const file of files) {
      if (recorded.has(file.name)) {
        result.alreadyApplied.push(file.name);
        continue;
      }
      try {
        if (file.transactional) await applyInTransaction(client, file);
        else await applyOutsideTransaction(client, file);
      } catch (error) {
        throw new Error(`migration ${file.name} failed: ${(error as Error).message}`, { cause: error });
      }
      result.applied.push(file.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
  return result;
}

/**
 * Waits for the lock by trying it, not by blocking on pg_advisory_lock: a session blocked in that
 * call holds a snapshot, and `CREATE INDEX CONCURRENTLY` in the runner that holds the lock waits for
 * every older snapshot to go, so the two would wait for each other until one is killed as a deadlock.
 */
async function takeMigrationLock(client: Client): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_ID]);
    if (rows[0].locked) return;
    await sleep(100);
  }
}

async function applyInTransaction(client: Client, file: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(file.sql);
    await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * One statement at a time, each its own transaction (a multi-statement string would run as one,
 * which `CREATE INDEX CONCURRENTLY` refuses). Recorded only once every statement has run, so an
 * interrupted file runs again from the start: it must be written to allow that.
 */
async function applyOutsideTransaction(client: Client, file: MigrationFile): Promise<void> {
  await dropInvalidIndexesNamedIn(client, file.sql);
  for (const statement of splitStatements(file.sql)) await client.query(statement);
  await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
}

/**
 * An interrupted `CREATE INDEX CONCURRENTLY` leaves its index behind, invalid: never read, still
 * written, and `IF NOT EXISTS` would then keep it for good. The runner holds the migration lock, so
 * an invalid index this file names is such a leftover, not a build in progress.
 */
async function dropInvalidIndexesNamedIn(client: Client, sql: string): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT i.indisvalid AND n.nspname = current_schema()`,
  );
  for (const { name } of rows) {
    if (!new RegExp(`\\b${name}\\b`).test(sql)) continue;
    await client.query(`DROP INDEX CONCURRENTLY IF EXISTS "${name.replace(/"/g, '""')}"`);
  }
}

/**
 * The statements of a file, split at the semicolons that end them: not those inside quotes,
 * dollar quotes or comments. Comment-only pieces are dropped.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (sql[i] === "'" || sql[i] === '"') {
      const end = sql.indexOf(sql[i], i + 1);
      i = end === -1 ? sql.length : end + 1; // a doubled quote is two quoted pieces side by side
    } else if (sql[i] === '$' && /^\$[A-Za-z_]?\w*\$/.test(rest)) {
      const tag = /^\$[A-Za-z_]?\w*\$/.exec(rest)![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end === -1 ? sql.length : end + tag.length;
    } else if (sql[i] === ';') {
      statements.push(sql.slice(start, i));
      i += 1;
      start = i;
    } else {
      i += 1;
    }
  }
  statements.push(sql.slice(start));
  return statements.filter((statement) => stripComments(statement).trim() !== '');
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}
