import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { AppRouter } from '@server/router';
import { formatDateTime } from './dates';

/** An error from the API, its `data` typed by the server's error formatter (server/src/trpc.ts). */
export type ApiError = TRPCClientError<AppRouter>;
type ErrorData = NonNullable<ApiError['data']>;

export type FieldIssue = ErrorData['fieldIssues'][number];
/** A stale version's refusal: who changed the record meanwhile, when, and the record as it is now. */
export type ConflictDetail = NonNullable<ErrorData['conflict']>;

/** The error's data as the server formatted it; empty for anything that is not an API error (a network failure has no data either). */
export function errorData(error: unknown): Partial<ErrorData> {
  return error instanceof TRPCClientError ? ((error as ApiError).data ?? {}) : {};
}

/** Field errors from a BAD_REQUEST, keyed by field path, for a form to show beside its fields. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of errorData(error).fieldIssues ?? []) out[issue.path] ??= issue.message;
  return out;
}

/** The details of a CONFLICT over a stale version; null for any other error (a duplicate name, say). */
export function conflictOf(error: unknown): ConflictDetail | null {
  const { code, conflict } = errorData(error);
  return code === 'CONFLICT' && conflict ? conflict : null;
}

/** One line for a toast, in the reader's language where the error kind is known. */
export function errorMessage(error: unknown, t: TFunction): string {
  const { code } = errorData(error);
  const conflict = conflictOf(error);
  if (conflict?.changedBy) return t('errors.conflictBy', { name: conflict.changedBy, time: formatDateTime(conflict.changedAt) });
  if (code === 'CONFLICT') return t('errors.conflict');
  if (code === 'NOT_FOUND') return t('errors.notFound');
  if (code === 'BAD_REQUEST') return t('errors.badRequest');
  // The server says exactly which rule stands in the way (in English); the reader's language frames it.
  if (code === 'PRECONDITION_FAILED' && error instanceof Error) return t('errors.precondition', { detail: error.message });
  if (code === 'FORBIDDEN' && error instanceof Error) return t('errors.forbidden', { detail: error.message });
  if (error instanceof TRPCClientError && !code) return t('errors.network');
  return t('errors.unexpected');
}

/**
 * Validates form values with a shared zod schema, in the reader's language: issue codes are translated
 * here, so the schemas stay language-free and the server's own messages stay plain English.
 */
export function validateWith<T extends z.ZodType>(schema: T, values: unknown, t: TFunction): Record<string, string> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= translateIssue(issue, t);
  }
  return errors;
}

/** One zod issue in the reader's language (exported for its tests). */
export function translateIssue(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? t('validation.required')
        : t('validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string' ? t('validation.tooLong', { max: Number(issue.maximum) }) : t('validation.tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'date' ? t('validation.date') : t('validation.invalid');
    case 'invalid_type':
      return t('validation.required');
    case 'custom': {
      const key = (issue.params as { i18n?: string } | undefined)?.i18n;
      return key ? t(key as 'validation.invalid') : issue.message;
    }
    default:
      return t('validation.invalid');
  }
}
