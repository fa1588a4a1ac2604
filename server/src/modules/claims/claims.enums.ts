// Claims's fixed vocabularies, without zod: the web's route search params (loaded with the first page)
// import these, so zod itself stays in the form chunks (docs/decisions/015-web-bundle-budget.md).

export const claimChannels = ['WEBSITE', 'RELEASE_NOTE', 'SALES_DECK', 'DOCS'] as const;
export const claimLayers = ['OSS', 'CLOUD', 'PLATFORM'] as const;
/** A claim's life in order: written, approved by leadership, published, and perhaps retracted. */
export const claimStatuses = ['DRAFT', 'APPROVED', 'PUBLISHED', 'RETRACTED'] as const;
