// The audit trail's fixed vocabularies, without zod: the web's route search params (loaded with the first page)
// import these, so zod itself stays in the form chunks (docs/decisions/015-web-bundle-budget.md).

export const auditEntityTypes = ['plan', 'phase', 'deliverable', 'gate', 'criterion', 'evidence', 'claim', 'metric', 'apiToken', 'review', 'actionItem', 'user', 'partner', 'setting'] as const;
