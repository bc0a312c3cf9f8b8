import type { Direction } from '../../core/model/transcript.ts';
import type { AppConfig } from '../../lib/config.ts';
import { z } from '../../lib/zod-russian.ts';

export type ChannelIndex = 0 | 1;

const conditionValue = z.string().trim().min(1, { error: 'пустое значение: укажите его или уберите условие' });

const managerChannelRuleSchema = z
  .strictObject({
    /** Trunk or line of the PBX that carried the call, as the sidecar's `trunk` names it. */
    trunk: conditionValue.optional(),
    /** System that recorded the call (`asterisk`, `mango`), as the sidecar's `source` names it. */
    source: conditionValue.optional(),
    direction: z.enum(['inbound', 'outbound'], { error: 'направление звонка — inbound (входящий) или outbound (исходящий)' }).optional(),
    managerChannel: z.literal([0, 1], { error: 'канал менеджера — 0 (первый, левый) или 1 (второй, правый)' }),
  })
  .refine((rule) => rule.trunk !== undefined || rule.source !== undefined || rule.direction !== undefined, {
    error: 'в правиле нет условия: укажите trunk, source или direction',
  });

/** The `audio` section of the config file. */
const audioSectionSchema = z.strictObject({
  /** Checked in order; the first rule whose conditions all match the call sets its manager channel. */
  managerChannelRules: z.array(managerChannelRuleSchema).default([]),
});

export type ManagerChannelRule = z.infer<typeof managerChannelRuleSchema>;
export type AudioSettings = z.infer<typeof audioSectionSchema>;

/** Reads and validates the `audio` section. A mistake throws `CONFIG_INVALID` with a Russian message. */
export function loadAudioSettings(config: Pick<AppConfig, 'section'>): AudioSettings {
  return config.section('audio', audioSectionSchema);
}

/** Trunk, source and direction of a call, as its sidecar gives them; null where it gives none. */
export interface CallRouting {
  trunk: string | null;
  source: string | null;
  direction: Direction | null;
}

export interface ManagerChannelInput {
  /** `managerChannel` of the call's sidecar. */
  sidecarChannel: number | undefined;
  routing: CallRouting;
  rules: readonly ManagerChannelRule[];
  /** The batch's `--manager-channel`. */
  optionChannel: number | undefined;
}

export type ManagerChannelChoice =
  | { channel: ChannelIndex; origin: 'sidecar' | 'option' | 'default' }
  | { channel: ChannelIndex; origin: 'rule'; ruleIndex: number };

/**
 * Chooses the manager's channel of a two-channel call: the sidecar's `managerChannel`, else the first
 * matching rule of the `audio` section, else `--manager-channel`, else the first channel.
 */
export function chooseManagerChannel(input: ManagerChannelInput): ManagerChannelChoice {
  if (input.sidecarChannel !== undefined) {
    return { channel: asChannel(input.sidecarChannel), origin: 'sidecar' };
  }
  const ruleIndex = input.rules.findIndex((rule) => ruleMatches(rule, input.routing));
  const rule = input.rules[ruleIndex];
  if (rule !== undefined) {
    return { channel: rule.managerChannel, origin: 'rule', ruleIndex };
  }
  if (input.optionChannel !== undefined) {
    return { channel: asChannel(input.optionChannel), origin: 'option' };
  }
  return { channel: 0, origin: 'default' };
}

/** Checks that every condition the rule gives matches the call. Trunk and source compare case-insensitively. */
export function ruleMatches(rule: ManagerChannelRule, routing: CallRouting): boolean {
  if (rule.trunk !== undefined && !sameName(rule.trunk, routing.trunk)) {
    return false;
  }
  if (rule.source !== undefined && !sameName(rule.source, routing.source)) {
    return false;
  }
  return rule.direction === undefined || rule.direction === routing.direction;
}

function sameName(expected: string, actual: string | null): boolean {
  return actual !== null && actual.trim().toLowerCase() === expected.toLowerCase();
}

// The sidecar schema and the CLI parser admit only 0 and 1, so any other number here is a caller's bug.
function asChannel(value: number): ChannelIndex {
  if (value !== 0 && value !== 1) {
    throw new RangeError(`manager channel must be 0 or 1, got ${value}`);
  }
  return value;
}
