// Shared with the web: imports only zod. Plans written as Markdown documents (docs/decisions/038-plan-documents.md).
import { z } from 'zod';
import { entityId, isoDate, planName } from './plans.schema.js';

/** The largest document accepted: a 180-day plan is a few kilobytes; the launch plan's source is 12. */
export const planDocumentMaxChars = 200_000;
export const planDocumentMarkdown = z.string().max(planDocumentMaxChars);
export const documentLanguages = ['en', 'zh-CN'] as const;

export const planPreviewDocumentInput = z.object({ markdown: planDocumentMarkdown });

export const planCreateFromDocumentInput = z.object({
  markdown: planDocumentMarkdown,
  name: planName,
  /** Day 0 of the plan: the phases' day ranges count from here. */
  startDate: isoDate,
  makeCurrent: z.boolean().default(true),
});
export type PlanCreateFromDocumentInput = z.input<typeof planCreateFromDocumentInput>;

export const planExportMarkdownInput = z.object({
  id: entityId,
  /** The words of the labels ("Goal" or "目标"); the plan's own text is written as it is. */
  language: z.enum(documentLanguages).default('en'),
});
