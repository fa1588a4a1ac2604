// Shared with the web: imports only zod.
import type { z } from 'zod';
import { planItemSchemas } from '../plans/plan-item.schema.js';
import { deliverableStatuses } from './deliverables.enums.js';

export { deliverableStatuses };
export type DeliverableStatus = (typeof deliverableStatuses)[number];

const schemas = planItemSchemas(deliverableStatuses, 'NOT_STARTED');
export const deliverableStatus = schemas.status;
export const deliverableCreateInput = schemas.create;
export const deliverableUpdateInput = schemas.update;
export const deliverableFormSchema = schemas.form;

export type DeliverableCreateInput = z.input<typeof deliverableCreateInput>;
export type DeliverableUpdateInput = z.input<typeof deliverableUpdateInput>;
export type DeliverableForm = z.input<typeof deliverableFormSchema>;
