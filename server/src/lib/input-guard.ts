// Input that no field may hold, refused at the edge before any schema or database sees it: PostgreSQL
// refuses a NUL in text (22021), a lone surrogate cannot be written as JSON (the audit event: 22P02),
// and a deeply nested body makes recursive code run out of stack. One check for every entry point:
// the tRPC procedures (trpc.ts) and every other JSON route, /api/auth included (app.ts).

/** Deeper than any input the console takes (its deepest is a few levels). */
export const MAX_INPUT_DEPTH = 32;

export interface InputProblem {
  /** The offending field, dotted like zod's issue paths ('' for the input itself). */
  path: string;
  message: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be stored, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'is not valid Unicode text (it holds a lone surrogate)';
  return null;
}

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * The first problem in a parsed input (JSON-like: objects, arrays, strings, numbers): text that cannot
 * be stored, in a value or in a key, or nesting deeper than `maxDepth`. Walks without recursion, so
 * the check itself cannot overflow the stack.
 */
export function inputProblem(input: unknown, maxDepth = MAX_INPUT_DEPTH): InputProblem | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { path: path.join('.'), message: problem };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (!Array.isArray(value) && !isPlainObject(value)) continue;
    if (path.length >= maxDepth) return { path: path.join('.'), message: `nests deeper than ${maxDepth} levels` };
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    for (const [key, child] of entries) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: [...path, key].join('.'), message: `has a field name that ${keyProblem}` };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}

/** The one-line message for a refused input: the field, then what is wrong with it. */
export const inputProblemMessage = (problem: InputProblem) => `${problem.path || 'The input'} ${problem.message}`;
