import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import { conflictOf, errorMessage, fieldErrorsOf, translateIssue, validateWith, type ConflictDetail, type FieldIssue } from './api-errors';

// dates.ts brings the i18n set-up (and the browser) with it; the messages here only need a timestamp shown.
vi.mock('./dates', () => ({ formatDateTime: (iso: string | null) => `at ${iso}` }));

/** A `t` that shows which key it was asked for, and with what. */
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key)) as unknown as TFunction;

function apiError(code: string, data: Record<string, unknown> = {}, message = 'refused') {
  return new TRPCClientError(message, { result: { error: { code: -32600, message, data: { code, httpStatus: 400, domainCode: null, fieldIssues: [], conflict: null, ...data } } } });
}

const conflict: ConflictDetail = { changedBy: 'Mei', changedAt: '2026-03-25T14:05:00.000Z', current: { title: 'Theirs' }, currentVersion: 4 };

describe('error data typed from the router', () => {
  it('has the shapes the server formatter sends', () => {
    expectTypeOf<FieldIssue>().toEqualTypeOf<{ path: string; message: string }>();
    expectTypeOf<ConflictDetail['currentVersion']>().toEqualTypeOf<number | null>();
  });
});

describe('fieldErrorsOf', () => {
  it('keys the first message per field path', () => {
    const error = apiError('BAD_REQUEST', { fieldIssues: [{ path: 'title', message: 'Too long' }, { path: 'title', message: 'Second' }, { path: 'owner.name', message: 'Required' }] });
    expect(fieldErrorsOf(error)).toEqual({ title: 'Too long', 'owner.name': 'Required' });
  });

  it('is empty for anything that is not an API error', () => {
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
    expect(fieldErrorsOf('nope')).toEqual({});
  });
});

describe('conflictOf', () => {
  it('gives the conflict of a stale version', () => {
    expect(conflictOf(apiError('CONFLICT', { conflict }))).toEqual(conflict);
  });

  it('is null for a conflict without detail (a duplicate name) and for other codes', () => {
    expect(conflictOf(apiError('CONFLICT'))).toBeNull();
    expect(conflictOf(apiError('BAD_REQUEST', { conflict }))).toBeNull();
  });
});

describe('errorMessage', () => {
  it('names who changed the record meanwhile', () => {
    expect(errorMessage(apiError('CONFLICT', { conflict }), t)).toBe(`errors.conflictBy ${JSON.stringify({ name: 'Mei', time: `at ${conflict.changedAt}` })}`);
  });

  it('frames the server’s reason for a refused rule or right', () => {
    expect(errorMessage(apiError('PRECONDITION_FAILED', {}, 'Gate has open criteria'), t)).toBe('errors.precondition {"detail":"Gate has open criteria"}');
    expect(errorMessage(apiError('FORBIDDEN', {}, 'Only admins'), t)).toBe('errors.forbidden {"detail":"Only admins"}');
  });

  it('tells a network failure from an unexpected error', () => {
    expect(errorMessage(new TRPCClientError('Failed to fetch'), t)).toBe('errors.network');
    expect(errorMessage(new Error('boom'), t)).toBe('errors.unexpected');
    expect(errorMessage(apiError('NOT_FOUND'), t)).toBe('errors.notFound');
  });
});

describe('translateIssue', () => {
  const issueOf = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    if (result.success) throw new Error('expected an issue');
    return result.error.issues[0]!;
  };

  it('calls an empty required string required, a short one too short', () => {
    expect(translateIssue(issueOf(z.string().min(1), ''), t)).toBe('validation.required');
    expect(translateIssue(issueOf(z.string().min(3), 'ab'), t)).toBe('validation.tooSmall {"min":3}');
  });

  it('tells a long string from a big number', () => {
    expect(translateIssue(issueOf(z.string().max(5), 'abcdefg'), t)).toBe('validation.tooLong {"max":5}');
    expect(translateIssue(issueOf(z.number().max(10), 11), t)).toBe('validation.tooBig {"max":10}');
  });

  it('names a bad date as a date, other formats as invalid', () => {
    expect(translateIssue(issueOf(z.iso.date(), '2026-13-40'), t)).toBe('validation.date');
    expect(translateIssue(issueOf(z.email(), 'not-mail'), t)).toBe('validation.invalid');
  });

  it('uses a custom issue’s i18n key, else its message', () => {
    expect(translateIssue(issueOf(z.string().refine(() => false, { params: { i18n: 'validation.endBeforeStart' } }), 'x'), t)).toBe('validation.endBeforeStart');
    expect(translateIssue(issueOf(z.string().refine(() => false, { message: 'Plain' }), 'x'), t)).toBe('Plain');
  });
});

describe('validateWith', () => {
  it('keys errors by dotted path, nothing when valid', () => {
    const schema = z.object({ title: z.string().min(1), owner: z.object({ name: z.string().max(3) }) });
    expect(validateWith(schema, { title: '', owner: { name: 'Longer' } }, t)).toEqual({ title: 'validation.required', 'owner.name': 'validation.tooLong {"max":3}' });
    expect(validateWith(schema, { title: 'A', owner: { name: 'Mei' } }, t)).toEqual({});
  });
});
