import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate, migrationFiles } from '../src/db/migrate';

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
});
