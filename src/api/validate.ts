import type { z } from 'zod';
import { badRequest } from '../errors';

/** Parses input with a schema; the first problem becomes a 400 that names the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : what;
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  const message = missing ? 'is required' : issue.message;
  throw badRequest(`${field}: ${message}`);
}

/**
 * As parseInput, for query strings: an empty parameter (`?status=&limit=`, as forms and URL
 * templates send them) means "not given", not "invalid".
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, unknown>): z.infer<S> {
  const given = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
  return parseInput(schema, given, 'query');
}
