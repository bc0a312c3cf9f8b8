import { DateTime } from 'luxon';

import type { Direction } from '../model/transcript.ts';
import type { Finding, FindingKind, Severity } from '../model/evaluation.ts';
import type { AlertTrigger } from './alert-rules.ts';

/** A problem call as an alert describes it. */
export interface AlertCall {
  callId: string;
  managerName: string | null;
  teamName: string | null;
  /** UTC instant of the call's start. */
  startedAt: string;
  durationSec: number | null;
  direction: Direction | null;
  score: number | null;
  triggers: readonly AlertTrigger[];
  /** The worst findings, in the order shown. */
  findings: readonly Finding[];
}

export interface MessageOptions {
  /** IANA zone the times are shown in. */
  timeZone: string;
  /** Address of the web UI (`https://okk.example.ru`); null leaves the link out. */
  publicUrl: string | null;
  findingTitles: Readonly<Record<FindingKind, string>>;
}

/** The findings of an alert as the webhook sends them. */
export interface AlertFindingPayload {
  kind: FindingKind;
  title: string;
  severity: Severity;
  startSec: number | null;
  quote: string;
  explanation: string;
}

export interface AlertCallPayload {
  callId: string;
  manager: string | null;
  team: string | null;
  startedAt: string;
  durationSec: number | null;
  direction: Direction | null;
  score: number | null;
  rules: string[];
  reasons: string[];
  findings: AlertFindingPayload[];
  url: string | null;
}

/** A message ready for any channel: a subject for e-mail, plain text, and the calls as data for webhooks. */
export interface AlertMessage {
  kind: 'call' | 'digest' | 'test';
  subject: string;
  text: string;
  calls: AlertCallPayload[];
}

const QUOTE_LIMIT = 160;

/** The alert about one call. */
export function buildCallAlert(call: AlertCall, options: MessageOptions): AlertMessage {
  const manager = call.managerName ?? 'менеджер не указан';
  const lines = [`Проблемный звонок: ${manager}${call.teamName === null ? '' : ` (${call.teamName})`}`, ...callBody(call, options)];
  return {
    kind: 'call',
    subject: `okk: проблемный звонок — ${manager}, ${formatTime(call.startedAt, options.timeZone)}`,
    text: lines.join('\n'),
    calls: [callPayload(call, options)],
  };
}

/** One message about several calls, for the daily digest. */
export function buildDigestMessage(calls: readonly AlertCall[], options: MessageOptions): AlertMessage {
  const sorted = [...calls].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const lines = [`Проблемные звонки — ${sorted.length}`];
  for (const call of sorted) {
    const manager = call.managerName ?? 'менеджер не указан';
    lines.push('', `${manager}${call.teamName === null ? '' : ` (${call.teamName})`}`, ...callBody(call, options));
  }
  return {
    kind: 'digest',
    subject: `okk: сводка проблемных звонков (${sorted.length})`,
    text: lines.join('\n'),
    calls: sorted.map((call) => callPayload(call, options)),
  };
}

/** A message that checks a channel end to end. */
export function buildTestMessage(now: string, channelName: string, options: Pick<MessageOptions, 'timeZone' | 'publicUrl'>): AlertMessage {
  const lines = [
    'Проверка оповещений okk',
    `Канал «${channelName}» настроен: это сообщение отправлено ${formatTime(now, options.timeZone)}.`,
    'Так будут приходить оповещения о проблемных звонках.',
  ];
  if (options.publicUrl !== null) {
    lines.push(`okk: ${options.publicUrl}`);
  }
  return { kind: 'test', subject: 'okk: проверка оповещений', text: lines.join('\n'), calls: [] };
}

function callBody(call: AlertCall, options: MessageOptions): string[] {
  const facts = [formatTime(call.startedAt, options.timeZone)];
  if (call.direction !== null) facts.push(call.direction === 'inbound' ? 'входящий' : 'исходящий');
  if (call.durationSec !== null) facts.push(formatDuration(call.durationSec));
  facts.push(call.score === null ? 'без оценки' : `оценка ${call.score} из 100`);
  const lines = [facts.join(' · '), `Причина: ${call.triggers.map((trigger) => trigger.reason).join('; ')}.`];
  if (call.findings.length > 0) {
    lines.push('Худшие находки:');
    for (const finding of call.findings) {
      lines.push(`• ${findingLine(finding, options.findingTitles)}`);
    }
  }
  const url = callUrl(call.callId, options.publicUrl);
  if (url !== null) lines.push(`Открыть звонок: ${url}`);
  return lines;
}

function findingLine(finding: Finding, titles: Readonly<Record<FindingKind, string>>): string {
  const at = finding.startSec === null ? '' : `${formatClock(finding.startSec)} — `;
  const explanation = finding.explanation.trim().replace(/[.。]+$/u, '');
  const quote = finding.quote.trim() === '' ? '' : ` «${shorten(finding.quote.trim())}»`;
  return `${at}${titles[finding.kind]}: ${explanation}.${quote}`;
}

function callPayload(call: AlertCall, options: MessageOptions): AlertCallPayload {
  return {
    callId: call.callId,
    manager: call.managerName,
    team: call.teamName,
    startedAt: call.startedAt,
    durationSec: call.durationSec,
    direction: call.direction,
    score: call.score,
    rules: call.triggers.map((trigger) => trigger.rule),
    reasons: call.triggers.map((trigger) => trigger.reason),
    findings: call.findings.map((finding) => ({
      kind: finding.kind,
      title: options.findingTitles[finding.kind],
      severity: finding.severity,
      startSec: finding.startSec,
      quote: finding.quote,
      explanation: finding.explanation,
    })),
    url: callUrl(call.callId, options.publicUrl),
  };
}

/** The call's page in the web UI. */
export function callUrl(callId: string, publicUrl: string | null): string | null {
  return publicUrl === null ? null : `${publicUrl.replace(/\/+$/u, '')}/calls/${encodeURIComponent(callId)}`;
}

/** «4 декабря 2026, 14:05» in the zone. */
export function formatTime(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: timeZone }).setLocale('ru').toFormat('d MMMM yyyy, HH:mm');
}

/** A time in the call: «02:14», or «1:02:14» past an hour. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (minutes === 0) return `${rest} с`;
  return rest === 0 ? `${minutes} мин` : `${minutes} мин ${rest} с`;
}

function shorten(quote: string): string {
  if (quote.length <= QUOTE_LIMIT) return quote;
  const cut = quote.slice(0, QUOTE_LIMIT);
  const space = cut.lastIndexOf(' ');
  return `${(space > QUOTE_LIMIT / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
