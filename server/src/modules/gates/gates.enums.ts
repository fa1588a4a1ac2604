// Gates's fixed vocabularies, without zod: the web's first page imports these, so zod itself stays in
// the form chunks (docs/decisions/015-web-bundle-budget.md).

export const gateStatuses = ['PENDING', 'ON_TRACK', 'AT_RISK', 'BLOCKED', 'PASSED', 'FAILED'] as const;
