import { z } from 'zod';
import type { Db } from '../../db/pool';
import { badRequest, notFound } from '../../errors';
import type { Principal } from '../moderator-auth';
import {
  bumpWordListVersion,
  countTerms,
  deleteTerm,
  insertTerms,
  listTerms,
  wordListVersion,
  type WordListName,
} from './word-list-repository';

/**
 * Moderators' word lists: a `banned` term rejects a comment, a `suspect` term holds it. Terms are
 * matched by the worker with the profanity check's normalisation and allowlist (createTermMatcher):
 * "idiot" also catches "1d10t" and "i d i o t"; "idiot*" words starting with it, "*head" words
 * ending with it, "*word*" anywhere. Every change bumps a version the workers compare per job.
 */

/** A term must keep a letter or digit once its wildcards are stripped. */
export const termSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .refine((term) => /[\p{L}\p{N}]/u.test(term.replace(/^\*|\*$/g, '')), 'must contain a letter or digit');

export const addTermsSchema = z.object({ terms: z.array(termSchema).min(1).max(500) });
export const listNameSchema = z.enum(['banned', 'suspect']);

const MAX_TERMS_PER_LIST = 5000;

export interface WordListTerm {
  term: string;
  addedBy: string;
  addedAt: string;
}

export interface WordLists {
  version: string;
  banned: WordListTerm[];
  suspect: WordListTerm[];
}

export async function getWordLists(db: Db): Promise<WordLists> {
  const [rows, version] = await Promise.all([listTerms(db), wordListVersion(db)]);
  const lists: WordLists = { version, banned: [], suspect: [] };
  for (const row of rows) {
    lists[row.list].push({ term: row.term, addedBy: row.added_by, addedAt: row.created_at.toISOString() });
  }
  return lists;
}

export async function addTerms(db: Db, principal: Principal, list: WordListName, terms: string[]): Promise<WordLists> {
  await db.withTransaction(async (tx) => {
    const added = await insertTerms(tx, list, [...new Set(terms)], principal.name);
    if (added === 0) return;
    if ((await countTerms(tx, list)) > MAX_TERMS_PER_LIST) {
      throw badRequest(`a word list holds at most ${MAX_TERMS_PER_LIST} terms`, 'word_list_full');
    }
    await bumpWordListVersion(tx);
  });
  return getWordLists(db);
}

export async function removeTerm(db: Db, list: WordListName, term: string): Promise<WordLists> {
  await db.withTransaction(async (tx) => {
    if ((await deleteTerm(tx, list, term)) === 0) throw notFound(`'${term}' is not on the ${list} list`);
    await bumpWordListVersion(tx);
  });
  return getWordLists(db);
}
