import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../../lib/config.ts';
import { chooseManagerChannel, loadAudioSettings, ruleMatches } from './manager-channel.ts';
import type { CallRouting, ManagerChannelRule } from './manager-channel.ts';

const NOTHING_KNOWN: CallRouting = { trunk: null, source: null, direction: null };

describe('ruleMatches', () => {
  const inboundOnMts: ManagerChannelRule = { trunk: 'mts-sip', direction: 'inbound', managerChannel: 1 };

  it.each([
    ['all conditions match', { trunk: 'mts-sip', source: null, direction: 'inbound' }, true],
    ['trunk differs only in case and spaces', { trunk: ' MTS-SIP ', source: null, direction: 'inbound' }, true],
    ['direction differs', { trunk: 'mts-sip', source: null, direction: 'outbound' }, false],
    ['trunk differs', { trunk: 'beeline', source: null, direction: 'inbound' }, false],
    ['trunk unknown', { trunk: null, source: null, direction: 'inbound' }, false],
    ['direction unknown', { trunk: 'mts-sip', source: null, direction: null }, false],
  ] as const)('%s', (_name, routing, expected) => {
    expect(ruleMatches(inboundOnMts, routing)).toBe(expected);
  });

  it('ignores facts the rule does not name', () => {
    expect(ruleMatches({ source: 'asterisk', managerChannel: 1 }, { trunk: 'any', source: 'Asterisk', direction: 'outbound' })).toBe(true);
  });
});

describe('chooseManagerChannel', () => {
  const rules: ManagerChannelRule[] = [
    { source: 'mango', direction: 'inbound', managerChannel: 1 },
    { direction: 'inbound', managerChannel: 0 },
    { trunk: 'beeline', managerChannel: 1 },
  ];

  it('takes the sidecar over rules and option', () => {
    const choice = chooseManagerChannel({ sidecarChannel: 0, routing: { trunk: 'beeline', source: null, direction: null }, rules, optionChannel: 1 });
    expect(choice).toEqual({ channel: 0, origin: 'sidecar' });
  });

  it('takes the first matching rule', () => {
    const choice = chooseManagerChannel({ sidecarChannel: undefined, routing: { trunk: 'beeline', source: 'mango', direction: 'inbound' }, rules, optionChannel: undefined });
    expect(choice).toEqual({ channel: 1, origin: 'rule', ruleIndex: 0 });
  });

  it('skips rules that match in part', () => {
    const choice = chooseManagerChannel({ sidecarChannel: undefined, routing: { trunk: 'beeline', source: 'asterisk', direction: 'inbound' }, rules, optionChannel: 1 });
    expect(choice).toEqual({ channel: 0, origin: 'rule', ruleIndex: 1 });
  });

  it('takes a rule over the option', () => {
    const choice = chooseManagerChannel({ sidecarChannel: undefined, routing: { trunk: 'beeline', source: null, direction: 'outbound' }, rules, optionChannel: 0 });
    expect(choice).toEqual({ channel: 1, origin: 'rule', ruleIndex: 2 });
  });

  it('takes the option when no rule matches', () => {
    const choice = chooseManagerChannel({ sidecarChannel: undefined, routing: { trunk: 'mts', source: null, direction: 'outbound' }, rules, optionChannel: 1 });
    expect(choice).toEqual({ channel: 1, origin: 'option' });
  });

  it('defaults to the first channel', () => {
    expect(chooseManagerChannel({ sidecarChannel: undefined, routing: NOTHING_KNOWN, rules, optionChannel: undefined })).toEqual({ channel: 0, origin: 'default' });
    expect(chooseManagerChannel({ sidecarChannel: undefined, routing: NOTHING_KNOWN, rules: [], optionChannel: undefined })).toEqual({ channel: 0, origin: 'default' });
  });
});

describe('loadAudioSettings', () => {
  let folder = '';

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'okk-audio-config-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function settingsOf(file: unknown): Promise<ReturnType<typeof loadAudioSettings>> {
    const filePath = path.join(folder, `${String(Math.random()).slice(2)}.json`);
    await writeFile(filePath, JSON.stringify(file));
    return loadAudioSettings(loadConfig({ OKK_CONFIG: filePath }, folder));
  }

  it('has no rules without the section', async () => {
    expect(await settingsOf({})).toEqual({ managerChannelRules: [] });
  });

  it('reads rules in their order', async () => {
    const rules = [
      { trunk: ' mts-sip ', managerChannel: 1 },
      { source: 'mango', direction: 'outbound', managerChannel: 0 },
    ];
    expect(await settingsOf({ audio: { managerChannelRules: rules } })).toEqual({
      managerChannelRules: [
        { trunk: 'mts-sip', managerChannel: 1 },
        { source: 'mango', direction: 'outbound', managerChannel: 0 },
      ],
    });
  });

  it.each([
    ['a rule without a condition', [{ managerChannel: 1 }], 'audio.managerChannelRules.0: в правиле нет условия: укажите trunk, source или direction'],
    ['channel 2', [{ trunk: 'a', managerChannel: 2 }], 'audio.managerChannelRules.0.managerChannel: канал менеджера — 0 (первый, левый) или 1 (второй, правый)'],
    ['channel as text', [{ trunk: 'a', managerChannel: '1' }], 'audio.managerChannelRules.0.managerChannel: канал менеджера — 0 (первый, левый) или 1 (второй, правый)'],
    ['no channel', [{ trunk: 'a' }], 'audio.managerChannelRules.0.managerChannel: канал менеджера — 0 (первый, левый) или 1 (второй, правый)'],
    ['an unknown direction', [{ direction: 'incoming', managerChannel: 1 }], 'audio.managerChannelRules.0.direction: направление звонка — inbound (входящий) или outbound (исходящий)'],
    ['an empty trunk', [{ trunk: ' ', managerChannel: 1 }], 'audio.managerChannelRules.0.trunk: пустое значение: укажите его или уберите условие'],
  ])('rejects %s in Russian', async (_name, rules, message) => {
    await expect(settingsOf({ audio: { managerChannelRules: rules } })).rejects.toThrow(/^Ошибка в настройках/);
    await expect(settingsOf({ audio: { managerChannelRules: rules } })).rejects.toThrow(message);
  });

  it('names the second rule by its index', async () => {
    const rules = [{ trunk: 'a', managerChannel: 1 }, { managerChannel: 0 }];
    await expect(settingsOf({ audio: { managerChannelRules: rules } })).rejects.toThrow('audio.managerChannelRules.1:');
  });

  it('rejects a misspelt key', async () => {
    await expect(settingsOf({ audio: { managerChannelRules: [{ trunc: 'a', managerChannel: 1 }] } })).rejects.toThrow(/audio\.managerChannelRules\.0: .*trunc/);
    await expect(settingsOf({ audio: { managerChanelRules: [] } })).rejects.toThrow(/^Ошибка в настройках.*managerChanelRules/);
  });
});
