import type { Queryable } from '../../db/pool';

export type WordListName = 'banned' | 'suspect';
export const WORD_LISTS: readonly WordListName[] = ['banned', 'suspect'];

export interface WordListTermRow {
  list: WordListName;
  term: string;
  added_by: string;
  created_at: Date;
}

export async function listTerms(db: Queryable): Promise<WordListTermRow[]> {
  return db.query<WordListTermRow>('SELECT list, term, added_by, created_at FROM word_list_terms ORDER BY list, lower(term)');
}

export async function wordListVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>('SELECT version::text AS version FROM word_list_version');
  return row?.version ?? '0';
}

/** Adds the terms not already on the list (case-insensitively); returns how many were new. */
export async function insertTerms(db: Queryable, list: WordListName, terms: string[], addedBy: string): Promise<number> {
  const rows = await db.query(
    `INSERT INTO word_list_terms (list, term, added_by)
     SELECT $1, t, $3 FROM unnest($2::text[]) AS t
     ON CONFLICT (list, lower(term)) DO NOTHING
     RETURNING id`,
    [list, terms, addedBy],
  );
  return rows.length;
}

export async function deleteTerm(db: Queryable, list: WordListName, term: string): Promise<number> {
  const rows = await db.query('DELETE FROM word_list_terms WHERE list = $1 AND lower(term) = lower($2) RETURNING id', [list, term]);
  return rows.length;
}

export async function bumpWordListVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>(
    'UPDATE word_list_version SET version = version + 1 RETURNING version::text AS version',
  );
  return row.version;
}

export async function countTerms(db: Queryable, list: WordListName): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM word_list_terms WHERE list = $1', [list]);
  return row.count;
}
