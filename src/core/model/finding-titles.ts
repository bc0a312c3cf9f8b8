import type { FindingKind, Severity } from './evaluation.ts';

/** Russian names of the finding kinds, as the UI, reports and the CLI show them. */
export const FINDING_TITLES: Readonly<Record<FindingKind, string>> = {
  irritation: 'Раздражение / грубость',
  question_ignored: 'Не услышал вопрос',
  promise_not_kept: 'Обещал — не сделал',
  missed_call_no_callback: 'Не перезвонил',
  template_answer: 'Шаблонный ответ',
  no_solution: 'Нет решения',
  needs_not_discovered: 'Не выявил потребность',
  scripted_speech: 'Механическое общение',
  client_dissatisfied: 'Клиент недоволен',
  interruption: 'Перебивает',
  long_hold: 'Долгое ожидание',
  forbidden_phrase: 'Стоп-фраза',
};

export const SEVERITY_TITLES: Readonly<Record<Severity, string>> = {
  critical: 'критично',
  major: 'серьёзно',
  minor: 'незначительно',
};

/** Order for sorting findings from the worst. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, major: 1, minor: 2 };
