// Shared with the web: imports only zod. The command palette's search (docs/decisions/039-command-palette.md).
import { z } from 'zod';

export const searchKinds = ['phase', 'deliverable', 'gate', 'partner', 'claim', 'evidence', 'review'] as const;
export type SearchKind = (typeof searchKinds)[number];

export const searchInput = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.number().int().min(1).max(50).default(20),
});
export type SearchInput = z.input<typeof searchInput>;
