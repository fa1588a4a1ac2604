// Deliverables's fixed vocabularies, without zod: the web's first page imports these, so zod itself stays in
// the form chunks (docs/decisions/015-web-bundle-budget.md).

export const deliverableStatuses = ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'DROPPED'] as const;
