import type { CallDetail } from '../../../src/server/schemas/calls.schemas.ts';

type Evaluation = NonNullable<CallDetail['evaluation']>;
export type Severity = Evaluation['findings'][number]['severity'];
export type CriterionResult = Evaluation['criteria'][number]['result'];
export type Sentiment = NonNullable<Evaluation['client']['sentimentStart']>;
export type PromiseAction = Evaluation['promises'][number]['action'];

export const SEVERITY_TITLES: Record<Severity, string> = { critical: 'Критично', major: 'Серьёзно', minor: 'Незначительно' };
export const SEVERITY_COLORS: Record<Severity, string> = { critical: 'red', major: 'orange', minor: 'yellow' };
export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, major: 1, minor: 2 };

export const RESULT_TITLES: Record<CriterionResult, string> = { passed: 'Выполнен', failed: 'Не выполнен', not_applicable: 'Неприменим' };
export const RESULT_COLORS: Record<CriterionResult, string> = { passed: 'teal', failed: 'red', not_applicable: 'gray' };

export const SENTIMENT_TITLES: Record<Sentiment, string> = { positive: 'доволен', neutral: 'спокоен', negative: 'недоволен' };
export const SENTIMENT_COLORS: Record<Sentiment, string> = { positive: 'teal', neutral: 'gray', negative: 'red' };

export const PROMISE_TITLES: Record<PromiseAction, string> = {
  callback: 'Перезвонить',
  send: 'Отправить',
  visit: 'Визит',
  transfer: 'Передать',
  other: 'Другое',
};

export const DIRECTION_TITLES = { inbound: 'Входящий', outbound: 'Исходящий' } as const;
