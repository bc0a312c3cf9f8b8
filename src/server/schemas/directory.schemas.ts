import { z } from '@hono/zod-openapi';

import { criterionIdSchema, findingKindSchema, namedRefSchema, nullableRef, severitySchema } from './common.schemas.ts';
import { roleIdSchema } from './session.schemas.ts';

export const managerSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    team: nullableRef(namedRefSchema),
    supervisor: z.string().nullable(),
    position: z.string().nullable(),
  })
  .openapi('Manager');

export const managerListResponseSchema = z.object({ items: z.array(managerSchema) }).openapi('ManagerList');

export type ManagerListResponse = z.infer<typeof managerListResponseSchema>;

export const teamListResponseSchema = z.object({ items: z.array(namedRefSchema) }).openapi('TeamList');

export type TeamListResponse = z.infer<typeof teamListResponseSchema>;

/** Russian names of the stable ids the API uses, for labels and filters in the UI. */
export const referenceResponseSchema = z
  .object({
    roles: z.array(z.object({ id: roleIdSchema, title: z.string() })),
    findingKinds: z.array(z.object({ id: findingKindSchema, title: z.string() })),
    severities: z.array(z.object({ id: severitySchema, title: z.string() })),
    /** Criteria of the active checklist, in its order. */
    criteria: z.array(z.object({ id: criterionIdSchema, title: z.string(), weight: z.number(), critical: z.boolean() })),
    checklist: z.object({ id: z.string(), version: z.number().int(), title: z.string() }),
  })
  .openapi('Reference');

export type ReferenceResponse = z.infer<typeof referenceResponseSchema>;

export const healthResponseSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['ok', 'unavailable']),
  })
  .openapi('Health');
