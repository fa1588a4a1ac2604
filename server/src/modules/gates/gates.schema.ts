// Shared with the web: imports only zod.
import type { z } from 'zod';
import { planItemSchemas } from '../plans/plan-item.schema.js';

export const gateStatuses = ['PENDING', 'ON_TRACK', 'AT_RISK', 'BLOCKED', 'PASSED', 'FAILED'] as const;
export type GateStatus = (typeof gateStatuses)[number];

const schemas = planItemSchemas(gateStatuses, 'PENDING');
export const gateStatus = schemas.status;
export const gateCreateInput = schemas.create;
export const gateUpdateInput = schemas.update;
export const gateFormSchema = schemas.form;

export type GateCreateInput = z.input<typeof gateCreateInput>;
export type GateUpdateInput = z.input<typeof gateUpdateInput>;
export type GateForm = z.input<typeof gateFormSchema>;
