import type { CriterionId } from '../../core/model/checklist.ts';
import type { FindingKind } from '../../core/model/evaluation.ts';
import { FINDING_TITLES } from '../../core/model/finding-titles.ts';
import type { DriverVerdict } from '../../core/outcomes/drivers.ts';
import type { TrendVerdict } from '../../core/outcomes/trends.ts';

/** Russian names of the default checklist's criteria, for features named by criterion id. */
const CRITERION_TITLES: Readonly<Record<CriterionId, string>> = {
  greeting: 'Приветствие',
  introduction: 'Представление',
  client_name: 'Обращение по имени',
  needs: 'Выявление потребности',
  presentation: 'Презентация',
  objections: 'Работа с возражениями',
  next_step: 'Следующий шаг',
  summary: 'Резюме',
  farewell: 'Прощание',
  speech_quality: 'Культура речи',
};

/** «Не услышал вопрос» for `finding:question_ignored`, «Не выполнен: Резюме» for `criterion:summary`. */
export function featureTitle(feature: string): string {
  const [kind, id = ''] = feature.split(':');
  if (kind === 'finding') return id in FINDING_TITLES ? FINDING_TITLES[id as FindingKind] : id;
  if (kind === 'criterion') return `Не выполнен критерий «${id in CRITERION_TITLES ? CRITERION_TITLES[id as CriterionId] : id}»`;
  return feature;
}

export const DRIVER_VERDICT_TITLES: Readonly<Record<DriverVerdict, string>> = {
  worse: 'связано с худшим исходом',
  better: 'связано с лучшим исходом',
  no_effect: 'связь не подтверждена',
  insufficient_data: 'недостаточно данных',
};

export const TREND_VERDICT_TITLES: Readonly<Record<TrendVerdict, string>> = {
  up: 'выросло',
  down: 'снизилось',
  no_change: 'изменение не подтверждено',
  insufficient_data: 'недостаточно данных',
};

export const PROMISE_OUTCOME_TITLES: Readonly<Record<string, string>> = {
  kept: 'выполнено',
  broken: 'не выполнено',
  pending: 'срок не наступил',
  unverified: 'нельзя проверить',
};

export const MISSED_OUTCOME_TITLES: Readonly<Record<string, string>> = {
  called_back: 'перезвонили вовремя',
  late: 'перезвонили с опозданием',
  no_callback: 'не перезвонили',
  pending: 'срок не наступил',
};

export const PROMISE_ACTION_TITLES: Readonly<Record<string, string>> = {
  callback: 'перезвонить',
  send: 'отправить',
  visit: 'визит',
  transfer: 'передать коллеге',
  other: 'другое',
};
