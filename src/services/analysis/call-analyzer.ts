import path from 'node:path';

import type { SpeechRecognizer } from '../../asr/speech-recognizer.ts';
import { transcribeRecording } from '../../audio/transcribe-recording.ts';
import { evaluateCall } from '../../core/evaluation/evaluate-call.ts';
import type { Checklist } from '../../core/model/checklist.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import type { Transcript } from '../../core/model/transcript.ts';
import { assignRolesByContent } from '../../core/roles/content-roles.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import { guardRecognition } from '../../core/transcript/recognition-guards.ts';
import type { Database } from '../../data/index.ts';
import { buildSearchText } from '../../data/index.ts';
import { importTranscriptFile } from '../../importers/transcript/index.ts';
import type { ImportErrorCode, TranscriptFormatId } from '../../importers/transcript/index.ts';
import { isAppError } from '../../lib/app-error.ts';
import type { ErrorCode } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';
import { evaluationToSave } from '../reevaluation/stored-call-evaluation.ts';
import { applySidecar, readSidecar } from './call-sidecar.ts';
import type { CallSidecar } from './call-sidecar.ts';
import type { InputFile } from './file-collector.ts';
import { withStoredCallDetails } from './stored-call-details.ts';
import { chooseManagerChannel } from './manager-channel.ts';
import type { ManagerChannelChoice, ManagerChannelRule } from './manager-channel.ts';
import { tieCallsToClients } from '../followthrough/call-clients.ts';

export interface AnalyzedCall {
  transcript: Transcript;
  evaluation: Evaluation;
}

/**
 * The reason a file failed, for callers that reword the message for users of the web UI: no speech
 * recognition on this installation (the recognizer could not be created), or a transcript import failure.
 */
export type FileFailureCause =
  | { kind: 'speech-unavailable'; code: ErrorCode }
  | { kind: 'import'; code: ImportErrorCode; problem: string };

export type FileResult =
  | { path: string; ok: true; format: string; calls: AnalyzedCall[]; warnings: string[] }
  | { path: string; ok: false; message: string; cause?: FileFailureCause };

export interface AnalyzeFileOptions {
  /** Transcript format to use instead of detection. */
  format?: TranscriptFormatId;
  /**
   * Channel of the manager in two-channel recordings and channel-tagged ASR results. A sidecar's
   * `managerChannel` and a matching rule of `CallAnalyzerDeps.managerChannelRules` take precedence.
   */
  managerChannel?: 0 | 1;
  /** Format of headerless audio, `alaw:8000:1`. */
  rawFormat?: string;
  /** Recorded as the calls' source instead of the analysed file's path (an upload analysed from a work folder). */
  source?: string;
}

export interface CallAnalyzerDeps {
  morphology: Morphology;
  checklist: Checklist;
  timeZone: string;
  /** Where results are saved; null analyses without storing (`--no-save`). */
  database: Database | null;
  /**
   * Database of calls analysed before. A file that lacks a call's details (a copy without its
   * `.meta.json`) gets the stored ones from it. It is `database` when omitted, and uploads, which save
   * calls themselves, pass their database here.
   */
  storedCalls?: Database | null;
  /** Creates the speech recognition engine on the first recording; transcripts never need it. */
  recognizer: () => Promise<SpeechRecognizer>;
  logger: Logger;
  /** The `audio.managerChannelRules` of the config; none when omitted. */
  managerChannelRules?: readonly ManagerChannelRule[];
}

/**
 * Runs one input file through the analysis pipeline: metadata sidecar → transcript (imported, or
 * recognised from audio) → roles and recognition guards → evaluation → storage. Every expected failure
 * becomes a failed `FileResult` with a Russian message, so one bad file never stops a batch.
 */
export class CallAnalyzer {
  private recognizer: Promise<SpeechRecognizer> | undefined;

  constructor(private readonly deps: CallAnalyzerDeps) {}

  async analyzeFile(file: InputFile, options: AnalyzeFileOptions = {}): Promise<FileResult> {
    const name = path.basename(file.path);
    const warnings: string[] = [];

    const sidecarOutcome = await readSidecar(file.path);
    let sidecar: CallSidecar | null = null;
    if (sidecarOutcome.ok) {
      sidecar = sidecarOutcome.sidecar;
    } else {
      warnings.push(`${sidecarOutcome.message}; данные звонка взяты из самого файла`);
    }

    const read = file.kind === 'audio' ? await this.readRecording(file.path, sidecar, options) : await this.readTranscript(file.path, sidecar, options);
    if (!read.ok) {
      return { path: file.path, ok: false, message: read.message, ...(read.cause === undefined ? {} : { cause: read.cause }) };
    }
    warnings.push(...read.warnings);

    const prepared = read.transcripts.map((transcript) => {
      const result = this.prepare(transcript, sidecar, file.kind, options.source);
      const known = new Set(transcript.warnings.map((warning) => warning.message));
      warnings.push(...result.warnings.filter((warning) => !known.has(warning.message)).map((warning) => warning.message));
      return result;
    });
    const completed = await this.completeFromStoredCalls(prepared, file.path);
    if (!completed.ok) {
      return { path: file.path, ok: false, message: completed.message };
    }
    warnings.push(...completed.warnings);
    const calls = completed.transcripts.map((transcript) => this.evaluate(transcript));
    try {
      await this.store(calls, file.kind === 'audio' ? file.path : null);
    } catch (error) {
      this.deps.logger.error({ err: error, file: file.path }, 'saving analysed calls failed');
      const reason = isAppError(error) ? error.message : 'ошибка базы данных, подробности в журнале';
      return { path: file.path, ok: false, message: `${name}: звонки проанализированы, но не сохранены (${reason})` };
    }
    return { path: file.path, ok: true, format: read.format, calls, warnings };
  }

  async close(): Promise<void> {
    if (this.recognizer !== undefined) {
      const recognizer = await this.recognizer.catch(() => null);
      await recognizer?.close();
    }
  }

  private async readTranscript(filePath: string, sidecar: CallSidecar | null, options: AnalyzeFileOptions): Promise<ReadOutcome> {
    const outcome = await importTranscriptFile(filePath, {
      timeZone: this.deps.timeZone,
      ...(options.format === undefined ? {} : { format: options.format }),
      managerChannel: this.chooseChannel(filePath, sidecar, options).channel,
    });
    if (!outcome.ok) {
      return { ok: false, message: outcome.error.message, cause: { kind: 'import', code: outcome.error.code, problem: outcome.error.problem } };
    }
    return { ok: true, format: outcome.format, transcripts: outcome.transcripts, warnings: outcome.warnings.map((warning) => warning.message) };
  }

  private async readRecording(filePath: string, sidecar: CallSidecar | null, options: AnalyzeFileOptions): Promise<ReadOutcome> {
    let recognizer: SpeechRecognizer;
    try {
      this.recognizer ??= this.deps.recognizer();
      recognizer = await this.recognizer;
    } catch (error) {
      if (!isAppError(error)) {
        throw error;
      }
      return { ok: false, message: `${path.basename(filePath)}: запись не распознана — ${error.message}`, cause: { kind: 'speech-unavailable', code: error.code } };
    }

    const outcome = await transcribeRecording(filePath, {
      recognizer,
      morphology: this.deps.morphology,
      expectedDurationSec: sidecar?.durationSec ?? null,
      managerChannel: this.chooseChannel(filePath, sidecar, options).channel,
      ...(options.rawFormat === undefined ? {} : { rawFormat: options.rawFormat }),
    });
    if (!outcome.ok) {
      return { ok: false, message: outcome.error.message };
    }
    return { ok: true, format: `audio/${outcome.details.container}`, transcripts: [outcome.transcript], warnings: outcome.transcript.warnings.map((warning) => warning.message) };
  }

  /**
   * Chooses the manager channel from the sidecar, the config rules and the options. Rules see only the
   * sidecar's trunk, source and direction: the transcript formats that state a direction themselves
   * (`<in>`/`<out>` exports) take roles from their tags, not from channel numbers.
   */
  private chooseChannel(filePath: string, sidecar: CallSidecar | null, options: AnalyzeFileOptions): ManagerChannelChoice {
    const choice = chooseManagerChannel({
      sidecarChannel: sidecar?.managerChannel,
      routing: { trunk: sidecar?.trunk ?? null, source: sidecar?.source ?? null, direction: sidecar?.direction ?? null },
      rules: this.deps.managerChannelRules ?? [],
      optionChannel: options.managerChannel,
    });
    if (choice.origin === 'rule') {
      this.deps.logger.debug({ file: filePath, ruleIndex: choice.ruleIndex, managerChannel: choice.channel }, 'manager channel set by a config rule');
    }
    return choice;
  }

  /** Applies sidecar metadata, finds roles by content where the source had none, marks recognition garbage. */
  private prepare(transcript: Transcript, sidecar: CallSidecar | null, kind: InputFile['kind'], source: string | undefined): Transcript {
    const call = sidecar === null ? transcript.call : applySidecar(transcript.call, sidecar);
    const withMetadata = { ...transcript, call: source === undefined ? call : { ...call, source } };
    const withRoles = assignRolesByContent(withMetadata, this.deps.morphology);
    // Recordings were already checked against the VAD's speech spans; imported ASR output gets the checks
    // that need no audio (repetition loops, low confidence).
    return kind === 'audio' ? withRoles : guardRecognition(withRoles);
  }

  /**
   * Fills details the file lacks from the calls stored under the same ids, with a warning per call. When
   * this analyzer saves the calls, a database failure makes the file fail, as a failed save does.
   * Otherwise the error is thrown to the caller, which saves the calls and handles its database's failures.
   */
  private async completeFromStoredCalls(transcripts: readonly Transcript[], filePath: string): Promise<CompletedTranscripts> {
    const database = this.deps.storedCalls === undefined ? this.deps.database : this.deps.storedCalls;
    if (database === null) {
      return { ok: true, transcripts: [...transcripts], warnings: [] };
    }
    const completed: Transcript[] = [];
    const warnings: string[] = [];
    try {
      for (const [index, transcript] of transcripts.entries()) {
        const label = transcripts.length === 1 ? null : (transcript.call.externalId === null ? `№${index + 1} в файле` : `«${transcript.call.externalId}»`);
        const outcome = await withStoredCallDetails(database, transcript, label);
        completed.push(outcome.transcript);
        if (outcome.warning !== null) {
          warnings.push(outcome.warning);
        }
      }
    } catch (error) {
      if (this.deps.database === null) {
        throw error;
      }
      this.deps.logger.error({ err: error, file: filePath }, 'reading stored calls failed');
      const reason = isAppError(error) ? error.message : 'ошибка базы данных, подробности в журнале';
      return { ok: false, message: `${path.basename(filePath)}: не удалось прочитать сохранённые ранее звонки (${reason})` };
    }
    return { ok: true, transcripts: completed, warnings };
  }

  private evaluate(transcript: Transcript): AnalyzedCall {
    const evaluation = evaluateCall(transcript, this.deps.checklist, { morphology: this.deps.morphology, timeZone: this.deps.timeZone });
    return { transcript, evaluation };
  }

  private async store(calls: readonly AnalyzedCall[], audioPath: string | null): Promise<void> {
    const database = this.deps.database;
    if (database === null || calls.length === 0) {
      return;
    }
    const { morphology, timeZone, checklist } = this.deps;
    const items = calls.map((call) => ({ transcript: call.transcript, searchText: buildSearchText(call.transcript.turns, morphology), timeZone }));
    await database.transaction(async (repositories) => {
      // A call analysed again keeps its follow-through findings, and an unchanged evaluation is not added to its history twice.
      const changed: Evaluation[] = [];
      for (const call of calls) {
        const current = (await repositories.calls.getCall(call.transcript.call.id))?.evaluation ?? null;
        const next = evaluationToSave(current, call.evaluation, checklist);
        if (next !== null) {
          changed.push(next);
        }
      }
      await repositories.calls.saveTranscripts(items);
      await repositories.evaluations.saveEvaluations(changed);
      if (audioPath !== null) {
        for (const call of calls) {
          await repositories.calls.setAudio(call.transcript.call.id, {
            path: path.resolve(audioPath),
            durationSec: call.transcript.signal?.durationSec ?? call.transcript.call.durationSec,
            channels: null,
          });
        }
      }
    });
    await tieCallsToClients(database, calls.map((call) => call.transcript.call.id));
  }
}

type CompletedTranscripts = { ok: true; transcripts: Transcript[]; warnings: string[] } | { ok: false; message: string };

type ReadOutcome = { ok: true; format: string; transcripts: Transcript[]; warnings: string[] } | { ok: false; message: string; cause?: FileFailureCause };
