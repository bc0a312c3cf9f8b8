import { beforeAll, describe, expect, it } from 'vitest';

import { loadMorphology } from '../../text/az-morphology.ts';
import type { Transcript, Turn } from '../model/transcript.ts';
import type { Morphology } from '../text/morphology.ts';
import { assignRolesByContent, inferManagerSpeaker } from './content-roles.ts';

let morphology: Morphology;

beforeAll(async () => {
  morphology = await loadMorphology();
});

type Labelled = Pick<Turn, 'speaker' | 'text'>;

function dialogue(lines: [string, string][]): Labelled[] {
  return lines.map(([speaker, text]) => ({ speaker, text }));
}

describe('inferManagerSpeaker', () => {
  it.each<[string, Labelled[], string]>([
    ['client speaks first', dialogue([['A', 'алло'], ['B', 'добрый день компания дом ру меня зовут ирина чем могу помочь'], ['A', 'у меня не работает интернет']]), 'B'],
    ['manager speaks first', dialogue([['A', 'здравствуйте слушаю вас'], ['B', 'девушка у меня списали деньги'], ['A', 'назовите пожалуйста номер договора']]), 'A'],
    ['outbound call', dialogue([['B', 'да'], ['A', 'добрый день вас беспокоит компания удобно говорить'], ['B', 'ну говорите']]), 'A'],
    ['client dictates numbers', dialogue([['X', 'подскажите ваш номер договора'], ['Y', 'шестьсот шестьдесят ноль тридцать четыре'], ['X', 'спасибо за ожидание']]), 'X'],
    ['client addresses the manager', dialogue([['1', 'молодой человек я вам звоню третий раз'], ['2', 'да понимаю сейчас проверю оставайтесь на линии']]), '2'],
  ])('finds the manager when the %s', (_case, turns, manager) => {
    const guess = inferManagerSpeaker(turns, morphology);
    expect(guess.managerSpeaker).toBe(manager);
    expect(guess.confidence).toBeGreaterThan(0);
  });

  it('returns no manager when nobody shows a cue', () => {
    const guess = inferManagerSpeaker(dialogue([['A', 'алло'], ['B', 'алло']]), morphology);
    expect(guess.managerSpeaker).toBeNull();
    expect(guess.confidence).toBe(0);
  });
});

describe('assignRolesByContent', () => {
  function transcript(turns: Labelled[]): Transcript {
    return {
      call: { id: 'c1', externalId: null, source: 'test', startedAt: null, durationSec: null, direction: null, manager: null, client: null },
      turns: turns.map((turn, index) => ({ index, role: 'unknown', channel: null, speaker: turn.speaker, startSec: null, endSec: null, text: turn.text, confidence: null, flags: ['unattributed'], overlapsTurn: null })),
      roles: { method: 'labels', confidence: null },
      format: 'test',
      warnings: [],
    };
  }

  it('gives each speaker a role and records the method', () => {
    const result = assignRolesByContent(transcript(dialogue([['A', 'алло'], ['B', 'добрый день меня зовут ирина чем могу помочь']])), morphology);
    expect(result.turns.map((turn) => turn.role)).toEqual(['client', 'manager']);
    expect(result.turns.every((turn) => !turn.flags.includes('unattributed'))).toBe(true);
    expect(result.roles.method).toBe('content');
  });

  it('leaves roles unknown when there is no cue', () => {
    const result = assignRolesByContent(transcript(dialogue([['A', 'алло'], ['B', 'алло']])), morphology);
    expect(result.turns.map((turn) => turn.role)).toEqual(['unknown', 'unknown']);
  });

  it('treats unlabelled segments as two speakers taking turns', () => {
    const unlabelled = transcript(dialogue([
      ['', 'алло здравствуйте'],
      ['', 'добрый вечер кухни мастер меня зовут анна чем могу помочь'],
      ['', 'я хотела записаться на замер'],
      ['', 'конечно подскажите ваше имя'],
    ]).map((turn) => ({ ...turn, speaker: null })));

    const result = assignRolesByContent(unlabelled, morphology);

    expect(result.turns.map((turn) => turn.role)).toEqual(['client', 'manager', 'client', 'manager']);
    expect(result.warnings.map((warning) => warning.code)).toContain('roles_guessed');
  });

  it('keeps known roles of unlabelled turns', () => {
    const labelled = transcript(dialogue([['', 'алло'], ['', 'меня зовут анна']]));
    labelled.turns = labelled.turns.map((turn, index) => ({ ...turn, speaker: null, role: index === 0 ? 'manager' : 'client' }));

    const result = assignRolesByContent(labelled, morphology);

    expect(result.turns.map((turn) => turn.role)).toEqual(['manager', 'client']);
    expect(result.warnings).toEqual([]);
  });
});
