import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate, migrationFiles, splitStatements } from '../src/db/migrate';
import { projectRoot } from '../src/db/paths';

describe('npm run migrate (src/db/migrate.ts)', () => {
  const created: string[] = [];
  const urlFor = (name: string) => {
    const url = new URL(process.env.SIFT_TEST_POSTGRES_URL!);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const freshName = () => {
    const name = `sift_migrate_${randomBytes(4).toString('hex')}`;
    created.push(name);
    return name;
  };
  const schemaOf = async (url: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, column_name`,
    );
    const applied = await client.query('SELECT name FROM schema_migrations ORDER BY name');
    await client.end();
    return { columns: rows, applied: applied.rows.map((r) => r.name) };
  };

  afterAll(async () => {
    const admin = new Client({ connectionString: urlFor('postgres') });
    await admin.connect();
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  test('When the database is missing, then it is created and every migration applied in order', async () => {
    const url = urlFor(freshName());

    const result = await migrate(url);

    expect(result.applied).toEqual(migrationFiles().map((f) => f.name));
    expect((await schemaOf(url)).applied).toEqual(result.applied);
  });

  test('When run twice, then the second run applies nothing and the schema is unchanged', async () => {
    const url = urlFor(freshName());
    await migrate(url);
    const before = await schemaOf(url);

    const second = await migrate(url);

    expect(second.applied).toEqual([]);
    expect(await schemaOf(url)).toEqual(before);
  });

  test('When two runners start at once on a missing database, then both succeed and each migration is applied once', async () => {
    const url = urlFor(freshName());

    const [a, b] = await Promise.all([migrate(url), migrate(url)]);

    expect([...a.applied, ...b.applied].sort()).toEqual(migrationFiles().map((f) => f.name));
    const reference = urlFor(freshName());
    await migrate(reference);
    expect(await schemaOf(url)).toEqual(await schemaOf(reference));
  });

  /** A copy of sql/ that a test may add to or edit, removed after the file. */
  const dirs: string[] = [];
  const copyOfSql = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sift-sql-'));
    cpSync(path.join(projectRoot(), 'sql'), dir, { recursive: true });
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const withClient = async <T>(url: string, fn: (client: Client) => Promise<T>) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  test('When a .sql file is misnamed, then the runner refuses to start and names it', async () => {
    const dir = copyOfSql();
    writeFileSync(path.join(dir, '41_forgot_a_digit.sql'), 'SELECT 1;');

    await expect(migrate(urlFor(freshName()), dir)).rejects.toThrow(/misnamed migration file.*41_forgot_a_digit\.sql/);
  });

  test('When an applied migration was edited, then the runner refuses and applies nothing more', async () => {
    const dir = copyOfSql();
    const url = urlFor(freshName());
    await migrate(url, dir);
    writeFileSync(path.join(dir, '002_idempotency_keys.sql'), '-- edited\n' + migrationFiles(dir)[1].sql);
    writeFileSync(path.join(dir, '999_later.sql'), 'CREATE TABLE later (id int);');

    await expect(migrate(url, dir)).rejects.toThrow(/002_idempotency_keys\.sql was edited after it was applied/);
    expect((await schemaOf(url)).applied).not.toContain('999_later.sql');
  });

  test('When a database was migrated before checksums were recorded, then the first run records them and a later edit is refused', async () => {
    const dir = copyOfSql();
    const url = urlFor(freshName());
    await migrate(url, dir);
    await withClient(url, (client) => client.query('ALTER TABLE schema_migrations DROP COLUMN checksum'));

    const upgraded = await migrate(url, dir);

    expect(upgraded.applied).toEqual([]);
    const checksums = await withClient(url, (client) => client.query('SELECT name, checksum FROM schema_migrations ORDER BY name'));
    expect(checksums.rows).toEqual(migrationFiles(dir).map((f) => ({ name: f.name, checksum: f.checksum })));
    writeFileSync(path.join(dir, '001_comments.sql'), migrationFiles(dir)[0].sql + '\n-- edited');
    await expect(migrate(url, dir)).rejects.toThrow(/001_comments\.sql was edited/);
  });

  test('When a file starts with the no-transaction marker, then CREATE INDEX CONCURRENTLY runs and is recorded once', async () => {
    const dir = copyOfSql();
    writeFileSync(
      path.join(dir, '999_concurrent_index.sql'),
      [
        '-- sift:no-transaction',
        "-- a comment; with a semicolon in it; and 'quotes'",
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_test_author_name_idx ON comments (author_name);',
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_test_odd_idx ON comments ((body || ';'));",
      ].join('\n'),
    );
    const url = urlFor(freshName());

    const [a, b] = await Promise.all([migrate(url, dir), migrate(url, dir)]);
    const again = await migrate(url, dir);

    expect([...a.applied, ...b.applied].filter((name) => name === '999_concurrent_index.sql')).toHaveLength(1);
    expect(again.applied).toEqual([]);
    const indexes = await withClient(url, (client) =>
      client.query(`SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE c.relname LIKE 'comments_test_%' ORDER BY 1`),
    );
    expect(indexes.rows).toEqual([
      { relname: 'comments_test_author_name_idx', indisvalid: true },
      { relname: 'comments_test_odd_idx', indisvalid: true },
    ]);
  });

  test('When a concurrent index build was interrupted, then the next run drops the invalid index and builds it again', async () => {
    const dir = copyOfSql();
    const url = urlFor(freshName());
    await migrate(url, dir);
    // An interrupted build: a unique index that fails on duplicate rows is left behind invalid.
    await withClient(url, async (client) => {
      await client.query('CREATE TABLE leftovers (v int)');
      await client.query('INSERT INTO leftovers VALUES (1), (1)');
      await expect(client.query('CREATE UNIQUE INDEX CONCURRENTLY leftovers_v_idx ON leftovers (v)')).rejects.toThrow();
      await client.query('DELETE FROM leftovers');
    });
    writeFileSync(
      path.join(dir, '999_rebuild.sql'),
      '-- sift:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS leftovers_v_idx ON leftovers (v);\n',
    );

    await migrate(url, dir);

    const index = await withClient(url, (client) =>
      client.query(`SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'leftovers_v_idx'`),
    );
    expect(index.rows).toEqual([{ indisvalid: true }]);
  });

  test('When a no-transaction file is split into statements, then semicolons in quotes, dollar quotes and comments stay inside', () => {
    const sql = "-- sift:no-transaction\nSELECT ';' AS a; /* ; */ SELECT $x$ ; $x$;\n-- trailing; comment\n";

    expect(splitStatements(sql).map((s) => s.trim())).toEqual(["-- sift:no-transaction\nSELECT ';' AS a", '/* ; */ SELECT $x$ ; $x$']);
  });
});
