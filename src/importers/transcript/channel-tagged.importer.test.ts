import { describe, expect, it } from 'vitest';

import type { Turn } from '../../core/model/transcript.ts';
import { readCorpusText } from '../../../test/corpus.ts';
import { parseChannelTaggedDialog, splitSegments } from './channel-tagged.importer.ts';

interface RealCall {
  id: number;
  dialog: string;
}

const REAL_CALLS = JSON.parse(readCorpusText('transcripts', 'real-isp', 'calls.json')) as RealCall[];

function realDialog(id: number): string {
  const call = REAL_CALLS.find((candidate) => candidate.id === id);
  if (call === undefined) {
    throw new Error(`call ${id} is missing from the corpus`);
  }
  return call.dialog;
}

function texts(turns: readonly Turn[]): string[] {
  return turns.map((turn) => turn.text);
}

/** Words of one channel in source order, straight from the tags. */
function channelWords(dialog: string, tag: 'in' | 'out'): string[] {
  return splitSegments(dialog)
    .filter((segment) => segment.tag === tag)
    .flatMap((segment) => segment.words);
}

/** Returns the maximum run of consecutive one-word items that alternate between the parties. */
function longestOneWordAlternation(items: readonly { party: string; words: number }[]): number {
  let longest = 0;
  let run = 0;
  items.forEach((item, i) => {
    const continues = item.words === 1 && run > 0 && items[i - 1]?.party !== item.party;
    if (item.words !== 1) {
      run = 0;
    } else if (continues) {
      run++;
    } else {
      run = 1;
    }
    longest = Math.max(longest, run);
  });
  return longest;
}

describe('parseChannelTaggedDialog', () => {
  it('merges crosstalk into one client turn with overlapping manager turns', () => {
    const turns = parseChannelTaggedDialog(
      '<in> нас не <out> можно <in> уведомили просто об этом какая <out> уведомляет <in> ближайшая <out> обычно в течение <in> дата',
    );

    expect(turns[0]).toMatchObject({ role: 'client', text: 'нас не уведомили просто об этом какая ближайшая дата', overlapsTurn: null });
    const managerTurns = turns.filter((turn) => turn.role === 'manager');
    expect(managerTurns.map((turn) => turn.overlapsTurn)).toEqual(managerTurns.map(() => 0));
    expect(managerTurns.map((turn) => turn.text).join(' ')).toBe('можно уведомляет обычно в течение');
  });

  it('keeps the manager cutting-in words as their own turn text', () => {
    const turns = parseChannelTaggedDialog('<in> я хотела узнать почему у меня не <out> одну минуту <in> работает интернет уже третий день');

    expect(texts(turns)).toEqual(['я хотела узнать почему у меня не работает интернет уже третий день', 'одну минуту']);
    expect(turns[1]).toMatchObject({ role: 'manager', overlapsTurn: 0 });
  });

  it.each([
    ['question, yes, go on', '<out> вам сейчас удобно говорить <in> да <out> отлично тогда начнём', 3],
    ['greeting exchange', '<in> алло <out> добрый день компания дом ру меня зовут анна <in> здравствуйте', 3],
    ['backchannels while dictating', '<in> шестьсот шестьдесят ноль тридцать четыре <out> угу <in> четыреста <out> угу', 4],
    ['answer to a name question', '<out> как я могу к вам обращаться <in> ольга <out> ольга хорошо записала', 3],
  ])('keeps a quick exchange as separate turns: %s', (_name, dialog, count) => {
    const turns = parseChannelTaggedDialog(dialog);

    expect(turns).toHaveLength(count);
    expect(turns.map((turn) => turn.overlapsTurn)).toEqual(turns.map(() => null));
  });

  it.each([
    ['preposition', '<out> давайте я посмотрю по <in> угу <out> вашему адресу', 'давайте я посмотрю по вашему адресу'],
    ['negation', '<in> у меня не <out> так <in> работает телевизор', 'у меня не работает телевизор'],
    ['enclitic', '<in> вот хотела <out> угу <in> бы узнать про тариф', 'вот хотела бы узнать про тариф'],
    ['determiner', '<out> если сможете назовите ваш <in> да <out> номер договора', 'если сможете назовите ваш номер договора'],
  ])('continues a segment that cannot end: %s', (_name, dialog, joined) => {
    const turns = parseChannelTaggedDialog(dialog);

    expect(turns[0]?.text).toBe(joined);
    expect(turns[1]?.overlapsTurn).toBe(0);
  });

  it.each([
    ['угу', '<in> нам не <out> так <in> нужен <out> код <in> этот тариф <out> угу смотрите можно оставить прежний тариф'],
    ['да', '<in> мы уже <out> и <in> оплатили <out> всё <in> за месяц <out> да вижу оплату от пятого числа на вашем счёте'],
    ['хорошо', '<in> а когда <out> так <in> придёт <out> мастер <in> ко мне <out> хорошо давайте посмотрим свободные окна на завтра'],
  ])('starts a new turn after crosstalk when the reply opens with «%s»', (opener, dialog) => {
    const turns = parseChannelTaggedDialog(dialog);

    const reply = turns.find((turn) => turn.text.startsWith(opener));
    expect(reply).toMatchObject({ role: 'manager', overlapsTurn: null });
  });

  it('keeps the sentence a speaker goes on with after crosstalk', () => {
    const turns = parseChannelTaggedDialog('<in> я уже <out> ваше <in> всё <out> решение <in> решила <out> окончательно вы бы не хотели рассмотреть другой тариф');

    expect(turns.find((turn) => turn.role === 'manager')?.text).toBe('ваше решение окончательно вы бы не хотели рассмотреть другой тариф');
  });

  it('never joins backchannel-only segments', () => {
    const turns = parseChannelTaggedDialog('<in> угу <out> так <in> угу <out> так <in> угу');

    expect(texts(turns)).toEqual(['угу', 'так', 'угу', 'так', 'угу']);
  });

  it('gives text before the first tag the unknown role', () => {
    const turns = parseChannelTaggedDialog('гудки <out> добрый день <in> здравствуйте');

    expect(turns.map((turn) => [turn.role, turn.speaker])).toEqual([
      ['unknown', null],
      ['manager', 'out'],
      ['client', 'in'],
    ]);
  });

  it('reads tags in any case and with spaces, merging repeated tags', () => {
    const turns = parseChannelTaggedDialog('<OUT> добрый <out> день < in > алло');

    expect(texts(turns)).toEqual(['добрый день', 'алло']);
  });

  it('returns no turns for text with tags only', () => {
    expect(parseChannelTaggedDialog('<in> <out>   <in>')).toEqual([]);
  });
});

describe('parseChannelTaggedDialog on real calls', () => {
  const crosstalkCalls = [900001096, 800004726, 900001370, 800006950, 800006533];

  it.each(crosstalkCalls)('keeps each channel’s words in source order: call %i', (id) => {
    const dialog = realDialog(id);
    const turns = parseChannelTaggedDialog(dialog);

    for (const [tag, role] of [['in', 'client'], ['out', 'manager']] as const) {
      const fromTurns = turns.filter((turn) => turn.role === role).flatMap((turn) => turn.text.split(' '));
      expect(fromTurns).toEqual(channelWords(dialog, tag));
    }
  });

  it.each(crosstalkCalls)('records crosstalk as overlapping turns: call %i', (id) => {
    const turns = parseChannelTaggedDialog(realDialog(id));
    const overlapping = turns.filter((turn) => turn.overlapsTurn !== null);

    expect(overlapping.length).toBeGreaterThan(0);
    for (const turn of overlapping) {
      const earlier = turns[turn.overlapsTurn ?? -1];
      expect(earlier?.index).toBeLessThan(turn.index);
      expect(earlier?.role).not.toBe(turn.role);
    }
  });

  it('finds the crosstalk of call 900001096 as one client sentence', () => {
    const turns = parseChannelTaggedDialog(realDialog(900001096));
    const client = turns.find((turn) => turn.text.includes('нас не уведомили'));

    expect(client?.text).toBe('да можно нас не уведомили просто об этом какая ближайшая дата');
    const cuttingIn = turns.filter((turn) => turn.overlapsTurn === client?.index).map((turn) => turn.text);
    expect(cuttingIn).toContain('уведомляет обычно в течение сорока восьми часов ближайшая');
  });

  it('leaves no salad of one-word turns in any of the 66 calls', () => {
    for (const call of REAL_CALLS) {
      const turns = parseChannelTaggedDialog(call.dialog).map((turn) => ({ party: turn.role, words: turn.text.split(' ').length }));
      const segments = splitSegments(call.dialog).map((segment) => ({ party: segment.tag, words: segment.words.length }));

      expect(longestOneWordAlternation(turns), `call ${call.id}`).toBeLessThanOrEqual(5);
      expect(turns.length, `call ${call.id}`).toBeLessThanOrEqual(segments.length);
    }
  });

  it('splitting at every tag would leave a salad in call 800004726', () => {
    const segments = splitSegments(realDialog(800004726)).map((segment) => ({ party: segment.tag, words: segment.words.length }));

    expect(longestOneWordAlternation(segments)).toBeGreaterThan(5);
  });

  it('never loses or reorders a word of any call', () => {
    for (const call of REAL_CALLS) {
      const turns = parseChannelTaggedDialog(call.dialog);
      const words = turns.flatMap((turn) => turn.text.split(' '));

      expect(words.length, `call ${call.id}`).toBe(splitSegments(call.dialog).flatMap((segment) => segment.words).length);
      expect(turns.filter((turn) => turn.role === 'manager').flatMap((turn) => turn.text.split(' '))).toEqual(channelWords(call.dialog, 'out'));
    }
  });
});
