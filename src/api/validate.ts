import type { RequestHandler } from 'express';
import { z } from 'zod';
import { badRequest, notFound } from '../errors';

/** Parses input with a schema; the first problem becomes a 400 that names the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
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

/**
 * PostgreSQL cannot store a NUL character, nor a lone UTF-16 surrogate, in text or JSON: every
 * string of a JSON body (keys too) is checked once here, so no endpoint's text field can turn one
 * into a 500. The public POST's own schema says the same in the same words.
 */
export const refuseUnstorableText: RequestHandler = (req, _res, next) => {
  const problem = findUnstorable(req.body);
  next(problem ? badRequest(`${problem.path || 'body'}: ${problem.message}`) : undefined);
};

function findUnstorable(root: unknown): { path: string; message: string } | null {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { path, message: 'must not contain a NUL character' };
      if (!value.isWellFormed()) return { path, message: 'must be valid Unicode (no lone surrogates)' };
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes('\u0000') || !key.isWellFormed())
          return { path: at, message: 'must not contain a NUL character or lone surrogate' };
        stack.push([inner, at]);
      }
    }
  }
  return null;
}

/** The ids in paths: a comment's, a ban's, a webhook's, a moderator's. */
export const idSchema = z.uuid();

/** An id in a path (a comment's, a ban's, a webhook's): anything but a uuid names nothing, so 404. */
export function idParam(raw: unknown, notFoundMessage: string): string {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) throw notFound(notFoundMessage);
  return parsed.data;
}
