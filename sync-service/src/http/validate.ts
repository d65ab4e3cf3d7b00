// zod validation of a request's params, query and body (http/route.ts): a failure is a 400 that
// lists every wrong place by its path.
import type * as z from 'zod';
import { badRequest, type ErrorIssue } from './errors.ts';

/** `["rows", 3, "cells", 1]` → `rows[3].cells[1]`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function issuesOf(
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
  prefix = '',
): ErrorIssue[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: formatPath(issue.path, prefix),
    message: issue.message,
  }));
}

function describe(issues: ErrorIssue[], what: string): string {
  const first = issues[0];
  const where = first.path ? ` в ${first.path}` : '';
  const more = issues.length > 1 ? ` (и ещё ${issues.length - 1})` : '';
  return `Неверный ${what}${where}: ${first.message}${more}`;
}

/** Parses `value` with `schema` or throws a 400 naming the paths. */
export function parseOr400<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  what = 'запрос',
  prefix = '',
): z.core.output<S> {
  const result = (schema as unknown as z.ZodType).safeParse(value);
  if (result.success) return result.data as z.core.output<S>;
  throw invalidInput(result.error.issues, what, prefix);
}

/** The 400 for zod's issues (also issues found elsewhere, as a large body's in a child process). */
export function invalidInput(
  zodIssues: readonly { path: readonly PropertyKey[]; message: string }[],
  what = 'запрос',
  prefix = '',
) {
  const issues = issuesOf({ issues: zodIssues }, prefix);
  return badRequest(describe(issues, what), issues);
}
