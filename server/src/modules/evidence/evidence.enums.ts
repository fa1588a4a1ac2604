// Evidence's fixed vocabularies, without zod: the web's route search params (loaded with the first page)
// import these, so zod itself stays in the form chunks (docs/decisions/015-web-bundle-budget.md).

export const evidenceKinds = ['RELEASE_EVIDENCE', 'GATE_RUN', 'ARTIFACT', 'REPORT', 'CUSTOMER_EVIDENCE', 'DOC', 'WEB_PAGE'] as const;
export const evidenceResults = ['PASSED', 'FAILED'] as const;
export const linkHealths = ['UNCHECKED', 'HEALTHY', 'BROKEN'] as const;
/** What evidence can be attached to. `criterion` is a manual criterion's tick. */
export const evidenceTargetTypes = ['gate', 'deliverable', 'partner', 'claim', 'review', 'criterion'] as const;
