import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadEngine } from '../../test/call-script.ts';
import { evaluateCall } from '../core/evaluation/evaluate-call.ts';
import type { Transcript } from '../core/model/transcript.ts';
import { assignRolesByContent } from '../core/roles/content-roles.ts';
import { importTranscriptBytes, importTranscriptFile } from '../importers/transcript/transcript-import.ts';
import type { ImportOutcome } from '../importers/transcript/import-types.ts';
import { renderHtmlReport, type ReportCall } from './html-report.ts';

const WHISPERX_WITHOUT_SPEAKERS = path.resolve(import.meta.dirname, '../importers/transcript/fixtures/whisperx-words-without-speaker.json');

function onlyTranscript(outcome: ImportOutcome): Transcript {
  if (!outcome.ok) {
    throw new Error(`import failed: ${outcome.error.message}`);
  }
  const [transcript] = outcome.transcripts;
  if (transcript === undefined) {
    throw new Error('import gave no transcript');
  }
  return transcript;
}

async function reportCallOf(transcript: Transcript): Promise<ReportCall> {
  const { morphology, checklist } = await loadEngine();
  const withRoles = assignRolesByContent(transcript, morphology);
  return { transcript: withRoles, evaluation: evaluateCall(withRoles, checklist, { morphology, timeZone: 'Europe/Moscow' }), audioUrl: 'call.mp3' };
}

/** Renders the report and returns the markup of its calls, without the page script. */
function renderCalls(calls: ReportCall[]): string {
  const html = renderHtmlReport({ calls, generatedAt: '2026-03-10T09:00:00Z', timeZone: 'Europe/Moscow', period: { from: null, to: null } });
  const start = html.indexOf('<details class="call"');
  const end = html.lastIndexOf('</details>');
  expect(start).toBeGreaterThan(0);
  return html.slice(start, end);
}

describe('HTML report of imperfect ASR output', () => {
  it('renders WhisperX segments and words without a speaker', async () => {
    const transcript = onlyTranscript(await importTranscriptFile(WHISPERX_WITHOUT_SPEAKERS));
    const unattributed = transcript.turns.filter((turn) => turn.speaker === null);
    expect(unattributed.length).toBeGreaterThan(0);

    const html = renderCalls([await reportCallOf(transcript)]);

    expect(html).toContain('Не определено');
    for (const turn of transcript.turns) {
      expect(html).toContain(`data-index="${String(turn.index)}"`);
    }
    expect(html).toContain('Avec un voisin.');
    expect(html).not.toMatch(/undefined|NaN|null/u);
  });

  it('renders a call cut off with no end times and no duration', async () => {
    const segments = [
      { id: 0, seek: 0, start: 0, end: 2.1, text: ' Добрый день, компания Телеком, меня зовут Ирина.' },
      { id: 1, seek: 0, start: 2.5, end: null, text: ' Здравствуйте, у меня не работает' },
      { id: 2, seek: 0, start: 4.2, end: null, text: ' Я вас' },
    ];
    const body = JSON.stringify({ task: 'transcribe', language: 'ru', text: segments.map((segment) => segment.text).join(''), segments });
    const transcript = onlyTranscript(await importTranscriptBytes(new TextEncoder().encode(body), 'cut-off.json'));

    expect(transcript.turns.map((turn) => turn.startSec)).toEqual([0, 2.5, 4.2]);
    expect(transcript.turns[1]?.endSec).toBe(4.2);

    const html = renderCalls([await reportCallOf(transcript)]);

    expect(html).toContain('Я вас');
    expect(html).toContain('data-index="2"');
    expect(html).not.toMatch(/undefined|NaN/u);
  });
});
