import { loadMorphology } from '../src/text/az-morphology.ts';
import { loadDefaultChecklist } from '../src/checklists/checklist-loader.ts';
import type { Checklist } from '../src/core/model/checklist.ts';
import type { Evaluation } from '../src/core/model/evaluation.ts';
import type { Role, Transcript, Turn } from '../src/core/model/transcript.ts';
import type { Morphology } from '../src/core/text/morphology.ts';
import { evaluateCall } from '../src/core/evaluation/evaluate-call.ts';

/**
 * Builds a transcript from short script lines, for tests:
 *   'M: добрый день'        a manager turn
 *   'C: здравствуйте'       a client turn
 *   'M^: да нет нет'        a manager turn that starts while the previous client turn is still going
 *   '~ 75'                  75 seconds of silence (only with `timed: true`)
 * With `timed`, turns get times from their length (0.4 s a word, 0.3 s between turns).
 */
export function buildTranscript(lines: readonly string[], options: { durationSec?: number | null; timed?: boolean; startedAt?: string } = {}): Transcript {
  const turns: Turn[] = [];
  let clock = 0;
  let lastClient: number | null = null;
  for (const line of lines) {
    const pause = /^~\s*(\d+(?:\.\d+)?)$/u.exec(line);
    if (pause !== null) {
      clock += Number(pause[1]);
      continue;
    }
    const match = /^(M|C|U)(\^?):\s*(.*)$/u.exec(line);
    if (match === null) {
      throw new Error(`Bad script line: ${line}`);
    }
    const role: Role = match[1] === 'M' ? 'manager' : match[1] === 'C' ? 'client' : 'unknown';
    const text = match[3] ?? '';
    const words = text.split(/\s+/u).filter((word) => word !== '').length;
    const duration = Math.max(0.5, words * 0.4);
    turns.push({
      index: turns.length,
      role,
      channel: role === 'manager' ? 0 : role === 'client' ? 1 : null,
      speaker: null,
      startSec: options.timed === true ? round(clock) : null,
      endSec: options.timed === true ? round(clock + duration) : null,
      text,
      confidence: null,
      flags: [],
      overlapsTurn: match[2] === '^' ? lastClient : null,
    });
    if (role === 'client') {
      lastClient = turns.length - 1;
    }
    clock += duration + 0.3;
  }
  const durationSec = options.durationSec === undefined ? (options.timed === true ? round(clock) : null) : options.durationSec;
  return {
    call: {
      id: 'test-call',
      externalId: null,
      source: 'test',
      startedAt: options.startedAt ?? '2026-02-10T10:00:00+03:00',
      durationSec,
      direction: 'inbound',
      manager: null,
      client: null,
    },
    turns,
    roles: { method: 'channel', confidence: 1 },
    format: 'test',
    warnings: [],
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

let shared: Promise<{ morphology: Morphology; checklist: Checklist }> | undefined;

/** The real morphology and the default checklist, loaded once per test file. */
export function loadEngine(): Promise<{ morphology: Morphology; checklist: Checklist }> {
  shared ??= Promise.all([loadMorphology(), loadDefaultChecklist()]).then(([morphology, checklist]) => ({ morphology, checklist }));
  return shared;
}

/** Evaluates a script with the default checklist. */
export async function evaluateScript(lines: readonly string[], options: Parameters<typeof buildTranscript>[1] = {}, checklist?: Checklist): Promise<Evaluation> {
  const engine = await loadEngine();
  return evaluateCall(buildTranscript(lines, options), checklist ?? engine.checklist, { morphology: engine.morphology, timeZone: 'Europe/Moscow' });
}

export function resultOf(evaluation: Evaluation, id: string): string | undefined {
  return evaluation.criteria.find((criterion) => criterion.id === id)?.result;
}

export function findingsOf(evaluation: Evaluation, kind: string): Evaluation['findings'] {
  return evaluation.findings.filter((finding) => finding.kind === kind);
}
