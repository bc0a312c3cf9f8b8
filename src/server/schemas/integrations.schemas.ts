import { z } from '@hono/zod-openapi';

import { FINDING_KINDS } from '../../core/model/evaluation.ts';

const importSourceSchema = z
  .object({
    kind: z.enum(['call_log', 'crm_events', 'nps', 'deals']),
    /** The call log's source (`asterisk`, `bitrix24`…); null for the other kinds. */
    source: z.string().nullable(),
    records: z.number().int(),
    latestAt: z.string().nullable(),
  })
  .openapi('ImportSource');

const alertChannelSchema = z
  .object({
    name: z.string(),
    type: z.enum(['telegram', 'email', 'webhook']),
    target: z.string().openapi({ description: 'Куда уходят сообщения, без секретов: адрес Bot API, SMTP-сервер или адрес webhook без параметров.' }),
    secret: z.object({
      source: z.string().nullable().openapi({ description: 'Откуда взят секрет: «переменная OKK_…» или «файл настроек»; null — секрета нет.' }),
      masked: z.string().nullable().openapi({ description: 'Маска вместо значения; само значение API не возвращает.' }),
    }),
    addresses: z.number().int(),
    lastSentAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastError: z.string().nullable().openapi({ description: 'Причина последней неудачной отправки, по-русски.' }),
    lastErrorAt: z.string().nullable(),
    pending: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
  })
  .openapi('AlertChannelStatus');

export const integrationStatusSchema = z
  .object({
    database: z.object({ kind: z.enum(['sqlite', 'postgres']), location: z.string() }),
    jobQueue: z.object({ backend: z.enum(['sqlite', 'pg-boss']).nullable(), workerInProcess: z.boolean() }),
    asr: z.object({
      engine: z.string(),
      local: z.boolean(),
      model: z.string().nullable(),
      location: z.string().nullable(),
      modelFound: z.boolean().nullable(),
      problem: z.string().nullable(),
    }),
    importSources: z.array(importSourceSchema),
    alerts: z.object({
      enabled: z.boolean(),
      active: z.boolean(),
      publicUrl: z.string().nullable(),
      rules: z.object({ scoreBelow: z.number().nullable(), criticalFindings: z.boolean(), findingKinds: z.array(z.enum(FINDING_KINDS)) }),
      maxAgeHours: z.number(),
      workingHours: z.object({ start: z.string(), end: z.string(), days: z.array(z.number().int()) }).nullable(),
      digestTime: z.string().nullable(),
      recipients: z.array(z.object({ name: z.string(), teams: z.array(z.string()), telegram: z.boolean(), email: z.boolean() })),
      channels: z.array(alertChannelSchema),
    }),
  })
  .openapi('IntegrationStatus');

export type IntegrationStatusResponse = z.infer<typeof integrationStatusSchema>;

export const alertTestRequestSchema = z
  .strictObject({
    /** Only this channel; every channel when omitted. */
    channel: z.string().min(1).max(40).optional(),
  })
  .openapi('AlertTestRequest');

export const alertTestResponseSchema = z
  .object({
    results: z.array(
      z.object({
        channel: z.string(),
        type: z.enum(['telegram', 'email', 'webhook']),
        addresses: z.number().int(),
        ok: z.boolean(),
        failures: z.array(z.object({ address: z.string(), reason: z.string() })),
      }),
    ),
  })
  .openapi('AlertTestResponse');

export type AlertTestResponse = z.infer<typeof alertTestResponseSchema>;
