// Shared with the web: imports only zod.
import type { z } from 'zod';
import { planItemSchemas } from '../plans/plan-item.schema.js';

export const deliverableStatuses = ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'DROPPED'] as const;
export type DeliverableStatus = (typeof deliverableStatuses)[number];

const schemas = planItemSchemas(deliverableStatuses, 'NOT_STARTED');
export const deliverableStatus = schemas.status;
export const deliverableCreateInput = schemas.create;
export const deliverableUpdateInput = schemas.update;
export const deliverableFormSchema = schemas.form;

export type DeliverableCreateInput = z.input<typeof deliverableCreateInput>;
export type DeliverableUpdateInput = z.input<typeof deliverableUpdateInput>;
export type DeliverableForm = z.input<typeof deliverableFormSchema>;
