import { readFileSync } from 'node:fs';

import type { CriterionId } from '../../core/model/checklist.ts';
import { CRITERION_IDS } from '../../core/model/checklist.ts';
import type { CallPromise, Evaluation, Finding, FindingKind } from '../../core/model/evaluation.ts';
import type { Role, Transcript, Turn } from '../../core/model/transcript.ts';
import { parseChannelTaggedDialog } from '../../importers/transcript/channel-tagged.importer.ts';
import { corpusPath } from '../../../test/corpus.ts';

interface RealCall {
  id: number;
  date: string;
  operatorFull: string;
  head: string;
  line: string;
  position: string;
  duration: number;
  direction: string;
  dialog: string;
}

let realCalls: Transcript[] | undefined;

/**
 * Loads the real contact-centre calls of the corpus as transcripts, with turns from the channel-tagged
 * importer (`<out>` the employee, `<in>` the client) and the department as the team.
 */
export function loadRealCalls(): Transcript[] {
  realCalls ??= (JSON.parse(readFileSync(corpusPath('transcripts', 'real-isp', 'calls.json'), 'utf8')) as RealCall[]).map(toTranscript);
  return realCalls.map((transcript) => structuredClone(transcript));
}

function toTranscript(call: RealCall): Transcript {
  return {
    call: {
      id: `real-isp-${call.id}`,
      externalId: String(call.id),
      source: `calls.json#${call.id}`,
      startedAt: call.date,
      durationSec: call.duration,
      direction: call.direction === 'Исходящий' ? 'outbound' : 'inbound',
      manager: { name: call.operatorFull, team: call.line, supervisor: call.head, position: call.position },
      client: null,
    },
    turns: parseChannelTaggedDialog(call.dialog),
    roles: { method: 'channel', confidence: 1 },
    format: 'channel-tagged-json',
    warnings: [],
  };
}

/** Builds a small transcript with every optional field filled, for round trips. */
export function sampleTranscript(id: string, overrides: Partial<Transcript['call']> = {}): Transcript {
  return {
    call: {
      id,
      externalId: `ext-${id}`,
      source: `upload/${id}.json`,
      startedAt: '2026-03-02T10:15:00+03:00',
      durationSec: 95.5,
      direction: 'outbound',
      manager: { name: 'Смирнова Алёна Викторовна', team: 'Продажи B2C', supervisor: 'Громов В.', position: 'Менеджер' },
      client: { name: 'Пётр', phone: '+79161234567' },
      ...overrides,
    },
    turns: [
      turn(0, 'manager', 'Добрый день, меня зовут Алёна, компания «Связь».', { words: [{ text: 'Добрый', startSec: 0.1, endSec: 0.4, confidence: 0.97 }] }),
      turn(1, 'client', 'Здравствуйте. Мне нужен тариф подешевле.', { overlapsTurn: 0 }),
      turn(2, 'manager', 'Я перезвоню вам завтра до обеда с расчётом.', { flags: ['low_confidence'], confidence: 0.41 }),
    ],
    roles: { method: 'channel', confidence: 0.9 },
    format: 'yandex-v3',
    warnings: [{ code: 'clipped', message: 'Запись обрезана в конце.' }],
    signal: {
      durationSec: 95.5,
      talkSec: { manager: 40, client: 30 },
      silenceSec: 25.5,
      pauses: [{ startSec: 10, endSec: 14 }],
      overlaps: [{ startSec: 20, endSec: 21, by: 'client' }],
      longestManagerMonologueSec: 12,
    },
  };
}

function turn(index: number, role: Role, text: string, extra: Partial<Turn> = {}): Turn {
  return {
    index,
    role,
    channel: role === 'manager' ? 0 : 1,
    speaker: role === 'manager' ? 'Оператор' : 'Клиент',
    startSec: index * 5,
    endSec: index * 5 + 4,
    text,
    confidence: 0.9,
    flags: [],
    overlapsTurn: null,
    ...extra,
  };
}

export interface EvaluationSpec {
  score: number | null;
  findings?: FindingKind[];
  failed?: CriterionId[];
  promises?: CallPromise[];
  checklistVersion?: number;
}

/** Builds an evaluation of the transcript with the given score, finding kinds and failed criteria. */
export function evaluationOf(transcript: Transcript, spec: EvaluationSpec): Evaluation {
  const failed = new Set(spec.failed ?? []);
  return {
    call: transcript.call,
    checklist: { id: 'default', version: spec.checklistVersion ?? 1 },
    score: spec.score,
    criteria: CRITERION_IDS.map((id) => ({
      id,
      title: id,
      weight: 10,
      critical: id === 'needs',
      result: failed.has(id) ? 'failed' : 'passed',
      explanation: 'Проверено по расшифровке.',
      evidence: [{ turn: 0, startSec: null, quote: transcript.turns[0]?.text ?? '' }],
    })),
    findings: (spec.findings ?? []).map(
      (kind, position): Finding => ({
        kind,
        severity: 'major',
        turn: position,
        startSec: null,
        quote: transcript.turns[position]?.text ?? '',
        explanation: 'Найдено в реплике менеджера.',
        recommendation: 'Ответьте на вопрос клиента.',
        evidence: [],
      }),
    ),
    metrics: {
      turns: transcript.turns.length,
      managerWords: 10,
      clientWords: 8,
      managerTalkShare: 0.55,
      longestManagerMonologueSec: null,
      longestManagerMonologueWords: 9,
      managerQuestions: 1,
      clientQuestions: 1,
      interruptions: 0,
      silenceSec: null,
      speechRateWpm: null,
      scriptedTurns: 0,
    },
    promises: spec.promises ?? [],
    client: { sentimentStart: 'neutral', sentimentEnd: 'positive' },
    transcript: { complete: true, noSpeech: spec.score === null, warnings: [] },
  };
}

/** Returns the item at `index`, failing the test when there is none. */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) {
    throw new Error(`no item at index ${index} of ${items.length}`);
  }
  return item;
}
