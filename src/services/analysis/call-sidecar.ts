import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from '../../lib/zod-russian.ts';

import type { CallInfo, Direction } from '../../core/model/transcript.ts';
import { SIDECAR_SUFFIX } from './file-collector.ts';

/**
 * Metadata of a call kept beside its recording or transcript as `NAME.meta.json`: telephony and CRM
 * exports often give the audio and the call's details as two files. Fields present here override
 * what the transcript itself says.
 */
const sidecarSchema = z.object({
  externalId: z.union([z.string(), z.number()]).transform(String).optional(),
  startedAt: z.string().optional(),
  durationSec: z.number().nonnegative().optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  manager: z.object({
    name: z.string().min(1),
    team: z.string().optional(),
    supervisor: z.string().optional(),
    position: z.string().optional(),
  }).optional(),
  client: z.object({ name: z.string().nullish(), phone: z.string().nullish() }).optional(),
  managerChannel: z.number().int().min(0).max(1).optional(),
  /** Trunk or line of the PBX that carried the call, matched by `audio.managerChannelRules` in the config. */
  trunk: z.string().trim().min(1).optional(),
  /**
   * System that recorded the call (`asterisk`, `mango`), matched by the same rules. It does not replace
   * the call's `source`, which stays the file the call was read from.
   */
  source: z.string().trim().min(1).optional(),
});

export type CallSidecar = z.infer<typeof sidecarSchema>;

export type SidecarOutcome = { ok: true; sidecar: CallSidecar | null; path: string | null } | { ok: false; path: string; message: string };

/** Candidate sidecar names: `call.txt` → `call.meta.json`, then `call.txt.meta.json`. */
export function sidecarPathsOf(filePath: string): string[] {
  const withoutExtension = filePath.slice(0, filePath.length - path.extname(filePath).length);
  const doubleExtension = withoutExtension.toLowerCase().endsWith('.verbose') ? withoutExtension.slice(0, -'.verbose'.length) : withoutExtension;
  return [...new Set([doubleExtension + SIDECAR_SUFFIX, withoutExtension + SIDECAR_SUFFIX, filePath + SIDECAR_SUFFIX])];
}

export async function readSidecar(filePath: string): Promise<SidecarOutcome> {
  for (const candidate of sidecarPathsOf(filePath)) {
    let text: string;
    try {
      text = await readFile(candidate, 'utf8');
    } catch {
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { ok: false, path: candidate, message: `файл с данными звонка ${path.basename(candidate)} не является корректным JSON (${(error as Error).message})` };
    }
    const parsed = sidecarSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'корень'}: ${issue.message}`).join('; ');
      return { ok: false, path: candidate, message: `в файле с данными звонка ${path.basename(candidate)} ошибки: ${problems}` };
    }
    return { ok: true, sidecar: parsed.data, path: candidate };
  }
  return { ok: true, sidecar: null, path: null };
}

/** Applies sidecar fields over the call's own metadata. */
export function applySidecar(call: CallInfo, sidecar: CallSidecar): CallInfo {
  const direction: Direction | null = sidecar.direction ?? call.direction;
  return {
    ...call,
    externalId: sidecar.externalId ?? call.externalId,
    startedAt: sidecar.startedAt ?? call.startedAt,
    durationSec: sidecar.durationSec ?? call.durationSec,
    direction,
    manager: sidecar.manager
      ? {
          name: sidecar.manager.name,
          team: sidecar.manager.team ?? call.manager?.team ?? null,
          supervisor: sidecar.manager.supervisor ?? call.manager?.supervisor ?? null,
          position: sidecar.manager.position ?? call.manager?.position ?? null,
        }
      : call.manager,
    client: sidecar.client
      ? { name: sidecar.client.name ?? call.client?.name ?? null, phone: sidecar.client.phone ?? call.client?.phone ?? null }
      : call.client,
  };
}
