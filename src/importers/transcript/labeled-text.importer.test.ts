import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus.ts';
import { importInlineSingle, importSingle } from './import-test-helpers.ts';
import { parseLabeledText } from './labeled-text.importer.ts';

describe('parseLabeledText', () => {
  it.each([
    ['Менеджер: Добрый день', 'manager', 'Менеджер', null],
    ['Оператор: Добрый день', 'manager', 'Оператор', null],
    ['специалист: Добрый день', 'manager', 'специалист', null],
    ['КЛИЕНТ: Добрый день', 'client', 'КЛИЕНТ', null],
    ['Абонент: Добрый день', 'client', 'Абонент', null],
    ['Покупатель: Добрый день', 'client', 'Покупатель', null],
    ['Оператор Анна: Добрый день', 'manager', 'Оператор Анна', null],
    ['Менеджер (Иван Петров): Добрый день', 'manager', 'Менеджер Иван Петров', null],
    ['[00:12] Клиент: Добрый день', 'client', 'Клиент', 12],
    ['00:12 Клиент: Добрый день', 'client', 'Клиент', 12],
    ['[00:01:12] Клиент: Добрый день', 'client', 'Клиент', 72],
    ['Клиент [00:12]: Добрый день', 'client', 'Клиент', 12],
    ['Клиент 01:05.5: Добрый день', 'client', 'Клиент', 65.5],
    ['**Менеджер:** Добрый день', 'manager', 'Менеджер', null],
    ['SPEAKER_00: Добрый день', 'unknown', 'SPEAKER_00', null],
    ['Спикер 2: Добрый день', 'unknown', 'Спикер 2', null],
  ])('reads the label in «%s»', (line, role, speaker, startSec) => {
    const [turn] = parseLabeledText(line).turns;

    expect(turn?.role).toBe(role);
    expect(turn?.speaker).toBe(speaker);
    expect(turn?.startSec).toBe(startSec);
    expect(turn?.text).toBe('Добрый день');
  });

  it('joins the lines of a multi-line turn', () => {
    const parsed = parseLabeledText('Менеджер: Добрый день.\nЧем могу помочь?\n\nКлиент: У меня\nне работает интернет.');

    expect(parsed.turns.map((turn) => turn.text)).toEqual(['Добрый день. Чем могу помочь?', 'У меня не работает интернет.']);
    expect(parsed.roles).toEqual({ method: 'labels', confidence: 1 });
  });

  it('does not take a colon inside a sentence for a label', () => {
    const parsed = parseLabeledText('Клиент: Итак: тариф сто рублей, верно?');

    expect(parsed.turns).toHaveLength(1);
    expect(parsed.turns[0]?.text).toBe('Итак: тариф сто рублей, верно?');
  });

  it('reads unlabelled lines as alternating speakers', () => {
    const parsed = parseLabeledText('Добрый день!\nЗдравствуйте.\nЧем помочь?');

    expect(parsed.labeled).toBe(false);
    expect(parsed.turns.map((turn) => [turn.speaker, turn.role])).toEqual([
      ['Собеседник 1', 'unknown'],
      ['Собеседник 2', 'unknown'],
      ['Собеседник 1', 'unknown'],
    ]);
    expect(parsed.roles.method).toBe('content');
  });
});

describe('labelled text import', () => {
  it('reads a script with «Оператор:» and «Клиент:» labels', async () => {
    const transcript = await importSingle(corpusPath('audio', 'synthetic-bank-calls-c', 'call_01_credit.dialogue.txt'));

    expect(transcript.format).toBe('labeled-text');
    expect(transcript.turns).toHaveLength(13);
    expect(transcript.turns[0]).toMatchObject({ role: 'manager', speaker: 'Оператор', text: 'Добрый день, МТБанк, меня зовут Светлана. Чем могу помочь?' });
    expect(transcript.turns[1]).toMatchObject({ role: 'client', speaker: 'Клиент' });
    expect(transcript.roles.method).toBe('labels');
    expect(transcript.warnings).toEqual([]);
  });

  it('reads one turn per line when there are no labels', async () => {
    const transcript = await importSingle(corpusPath('audio', 'synthetic-bank-calls-b', 'call_dialog.txt'));

    expect(transcript.turns).toHaveLength(9);
    expect(transcript.turns[0]?.text).toBe('Добрый день! Контакт-центр МТБанка, меня зовут Анна. Чем могу помочь?');
    expect(transcript.turns.map((turn) => turn.role)).toEqual(Array(9).fill('unknown'));
    expect(transcript.warnings.map((item) => item.code)).toEqual(['NO_SPEAKER_LABELS']);
  });

  it('reads one paragraph without labels as one turn', async () => {
    const transcript = await importSingle(corpusPath('audio', 'synthetic-bank-calls-c', 'call_01_credit.txt'));

    expect(transcript.turns).toHaveLength(1);
    expect(transcript.turns[0]?.speaker).toBeNull();
    expect(transcript.warnings[0]?.message).toContain('одной репликой');
  });

  it('reads every script of the synthetic calls', async () => {
    for (const name of ['call_02_card', 'call_03_transfer', 'call_04_complaint', 'call_05_security_8khz']) {
      const transcript = await importSingle(corpusPath('audio', 'synthetic-bank-calls-c', `${name}.dialogue.txt`));

      expect(transcript.turns.every((turn) => turn.role !== 'unknown'), name).toBe(true);
      expect(transcript.turns[0]?.role, name).toBe('manager');
    }
  });

  it('accepts Windows line ends and a trailing blank line', async () => {
    const transcript = await importInlineSingle('Менеджер: Алло\r\nКлиент: Да\r\n\r\n', 'crlf.txt');

    expect(transcript.turns.map((turn) => turn.text)).toEqual(['Алло', 'Да']);
  });
});
