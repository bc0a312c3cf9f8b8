import { describe, expect, it } from 'vitest';

import type { Finding } from '../model/evaluation.ts';
import { FINDING_TITLES } from '../model/finding-titles.ts';
import { buildCallAlert, buildDigestMessage, buildTestMessage, formatClock } from './alert-message.ts';
import type { AlertCall } from './alert-message.ts';

const QUESTION: Finding = {
  kind: 'question_ignored',
  severity: 'major',
  turn: 7,
  startSec: 134,
  quote: 'А сколько стоит доставка до Казани?',
  explanation: 'Клиент спросил о стоимости, ответа не было.',
  recommendation: 'Ответьте на вопрос.',
  evidence: [],
};
const RUDE: Finding = { ...QUESTION, kind: 'irritation', severity: 'critical', turn: 9, startSec: 3725, quote: 'Я же вам сказал, это не ко мне', explanation: 'Менеджер отвечает с раздражением' };

const CALL: AlertCall = {
  callId: 'call/42',
  managerName: 'Анна Смирнова',
  teamName: 'Москва',
  startedAt: '2026-12-04T11:05:00.000Z',
  durationSec: 372,
  direction: 'inbound',
  score: 42,
  triggers: [{ rule: 'score_below', reason: 'оценка 42 ниже порога 60', since: '2026-12-04T11:05:00.000Z' }],
  findings: [RUDE, QUESTION],
};
const OPTIONS = { timeZone: 'Europe/Moscow', publicUrl: 'https://okk.example.ru/', findingTitles: FINDING_TITLES };

describe('buildCallAlert', () => {
  it('names the manager, the time, the score, the findings with quote and time, and links the call', () => {
    const message = buildCallAlert(CALL, OPTIONS);
    expect(message.text).toBe(
      [
        'Проблемный звонок: Анна Смирнова (Москва)',
        '4 декабря 2026, 14:05 · входящий · 6 мин 12 с · оценка 42 из 100',
        'Причина: оценка 42 ниже порога 60.',
        'Худшие находки:',
        '• 1:02:05 — Раздражение / грубость: Менеджер отвечает с раздражением. «Я же вам сказал, это не ко мне»',
        '• 02:14 — Не услышал вопрос: Клиент спросил о стоимости, ответа не было. «А сколько стоит доставка до Казани?»',
        'Открыть звонок: https://okk.example.ru/calls/call%2F42',
      ].join('\n'),
    );
    expect(message.subject).toBe('okk: проблемный звонок — Анна Смирнова, 4 декабря 2026, 14:05');
    expect(message.calls[0]).toMatchObject({ callId: 'call/42', score: 42, rules: ['score_below'], url: 'https://okk.example.ru/calls/call%2F42' });
    expect(message.calls[0]?.findings[1]).toMatchObject({ kind: 'question_ignored', title: 'Не услышал вопрос', startSec: 134 });
  });

  it('leaves the link out without publicUrl and says what is unknown', () => {
    const message = buildCallAlert({ ...CALL, managerName: null, teamName: null, direction: null, durationSec: null, score: null, findings: [{ ...QUESTION, startSec: null }] }, { ...OPTIONS, publicUrl: null });
    expect(message.text).not.toContain('Открыть звонок');
    expect(message.text).toContain('Проблемный звонок: менеджер не указан\n4 декабря 2026, 14:05 · без оценки');
    expect(message.text).toContain('• Не услышал вопрос: Клиент спросил');
  });

  it('shortens long quotes at a word', () => {
    const long = 'слово '.repeat(60).trim();
    const message = buildCallAlert({ ...CALL, findings: [{ ...QUESTION, quote: long }] }, OPTIONS);
    const line = message.text.split('\n').find((text) => text.startsWith('• ')) ?? '';
    expect(line).toMatch(/слово…»$/u);
    expect(line.length).toBeLessThan(260);
  });
});

describe('buildDigestMessage', () => {
  it('lists every call in time order under one heading', () => {
    const later = { ...CALL, callId: 'b', managerName: 'Игорь Петров', startedAt: '2026-12-04T13:30:00.000Z' };
    const message = buildDigestMessage([later, CALL], OPTIONS);
    expect(message.text.split('\n')[0]).toBe('Проблемные звонки — 2');
    expect(message.text.indexOf('Анна Смирнова')).toBeLessThan(message.text.indexOf('Игорь Петров'));
    expect(message.calls.map((call) => call.callId)).toEqual(['call/42', 'b']);
  });
});

describe('buildTestMessage', () => {
  it('names the channel and the time', () => {
    expect(buildTestMessage('2026-12-04T11:05:00.000Z', 'rop-chat', { timeZone: 'Europe/Moscow', publicUrl: null }).text).toContain('Канал «rop-chat» настроен: это сообщение отправлено 4 декабря 2026, 14:05.');
  });
});

describe('formatClock', () => {
  it.each([[0, '00:00'], [134.9, '02:14'], [3725, '1:02:05']])('%s s → %s', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
});
