import type { CriterionId } from '../../core/model/checklist.ts';
import type { CriterionResult } from '../../core/model/evaluation.ts';
import type { DisputeStatus } from '../../data/index.ts';

/** Russian names of the default criteria, for criteria whose checklist title is not at hand. */
export const CRITERION_DEFAULT_TITLES: Readonly<Record<CriterionId, string>> = {
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

export const RESULT_TITLES: Readonly<Record<CriterionResult, string>> = {
  passed: 'выполнен',
  failed: 'не выполнен',
  not_applicable: 'не оценивается',
};

export const DISPUTE_STATUS_TITLES: Readonly<Record<DisputeStatus, string>> = {
  open: 'открыт',
  accepted: 'принят',
  rejected: 'отклонён',
  withdrawn: 'отозван',
};

export function criterionTitle(id: string, titles?: ReadonlyMap<string, string>): string {
  return titles?.get(id) ?? (id in CRITERION_DEFAULT_TITLES ? CRITERION_DEFAULT_TITLES[id as CriterionId] : id);
}
