// Partners's fixed vocabularies, without zod: the web's route search params (loaded with the first page)
// import these, so zod itself stays in the form chunks (docs/decisions/015-web-bundle-budget.md).

export const partnerSegments = ['AI_INFRA', 'AGENT_PLATFORM', 'ENTERPRISE_COPILOT', 'OTHER'] as const;
export const partnerPackages = ['OSS', 'CLOUD_BUILDER', 'CLOUD_TEAM', 'ENTERPRISE', 'PLATFORM_DESIGN_PARTNER'] as const;
export const partnerTracks = ['HOSTED', 'PLATFORM'] as const;
/** The pipeline in order; LOST sits outside it and can be reached from any stage. */
export const pipelineStages = ['LEAD', 'QUALIFIED', 'POC', 'PAID_TRIAL', 'PAID'] as const;
export const partnerStages = [...pipelineStages, 'LOST'] as const;
export const pocStatuses = ['PLANNED', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export const activityKinds = ['CALL', 'MEETING', 'EMAIL', 'DEMO', 'MILESTONE', 'NOTE'] as const;
