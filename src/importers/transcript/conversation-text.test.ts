import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { corpusPath, REPO_ROOT } from '../../../test/corpus.ts';
import { conversationProblem } from './conversation-text.ts';
import { importInline } from './import-test-helpers.ts';
import { importTranscriptFile } from './transcript-import.ts';

interface CorpusCall {
  id: number;
  dialog: string;
}

const TAG = /<(?:in|out)>/u;

async function realCalls(): Promise<CorpusCall[]> {
  return JSON.parse(await readFile(corpusPath('transcripts', 'real-isp', 'calls.json'), 'utf8')) as CorpusCall[];
}

async function textFiles(folder: string): Promise<string[]> {
  const names = await readdir(folder);
  return names.filter((name) => name.endsWith('.txt')).map((name) => path.join(folder, name));
}

describe('conversationProblem', () => {
  it.each([
    ['a two-line shopping note', 'купить молоко, хлеб и яйца\nзабрать заказ в пункте выдачи до пятницы\n'],
    ['a to-do list', 'План на неделю:\n1. Отчёт по продажам\n2. Совещание в среду\n3. Заказать бумагу'],
    ['a list of single words', 'молоко\nхлеб\nсыр\nмасло\nяблоки'],
    ['a line of Latin text', 'TODO: fix the build before release'],
  ])('rejects %s: no words of a conversation', (_name, text) => {
    expect(conversationProblem(text)).toContain('нет ни одного слова, которое собеседники говорят друг другу');
  });

  it.each([
    ['one word', 'Привет', 'в тексте 1 слово'],
    ['three words', 'Алло, вы слышите?', 'в тексте 3 слова'],
    ['digits only', '12 34 56', 'в тексте нет ни одного слова'],
  ])('rejects %s as too short', (_name, text, count) => {
    expect(conversationProblem(text)).toContain(count);
  });

  it.each([
    ['a short call', 'Алло.\nДобрый день, это «Кухни Мастер».\nПерезвоните позже.'],
    ['recognised speech without punctuation', 'алло да слушаю здравствуйте это ольга по поводу заказа'],
    ['informal speech', 'ну ты где\nугу сейчас буду минут через пять'],
    ['«ё» spelled as «е» or not', 'Твоё письмо пришло, позже отвечу'],
  ])('accepts %s', (_name, text) => {
    expect(conversationProblem(text)).toBeNull();
  });
});

describe('unlabelled text import', () => {
  it('rejects a note with a Russian message', async () => {
    const outcome = await importInline('купить молоко, хлеб и яйца\nзабрать заказ в пункте выдачи до пятницы\n', 'zametki.txt');

    expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_A_CONVERSATION' } });
    expect(outcome.ok || outcome.error.message).toMatch(/^Файл «zametki\.txt»: это не похоже на расшифровку разговора/u);
    expect(outcome.ok || outcome.error.message).toContain('метки «Менеджер:» и «Клиент:»');
  });

  it('keeps reading labelled text of a few words', async () => {
    const outcome = await importInline('Менеджер: Алло\nКлиент: Да', 'short.txt');

    expect(outcome.ok).toBe(true);
  });

  it('accepts real calls without tags', async () => {
    const calls = await realCalls();
    expect(calls).toHaveLength(66);

    for (const call of calls) {
      const turns = call.dialog.split(TAG).map((turn) => turn.trim()).filter((turn) => turn !== '');
      for (const [layout, text] of [['one line', turns.join(' ')], ['line a turn', turns.join('\n')]]) {
        const outcome = await importInline(text ?? '', `${call.id}.txt`);

        expect(outcome.ok || outcome.error.message, `${call.id}, ${layout}`).toBe(true);
      }
    }
  });

  it('accepts corpus and sample texts', async () => {
    const files = [
      ...(await textFiles(corpusPath('audio', 'synthetic-bank-calls-b'))),
      ...(await textFiles(corpusPath('audio', 'synthetic-bank-calls-c'))),
      ...(await textFiles(path.join(REPO_ROOT, 'samples'))),
    ];
    expect(files.length).toBeGreaterThanOrEqual(20);

    for (const file of files) {
      const outcome = await importTranscriptFile(file);

      expect(outcome.ok || outcome.error.message, file).toBe(true);
    }
  });
});
