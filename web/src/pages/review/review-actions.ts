import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import {
  useAcceptDispute,
  useAddFinding,
  useOpenDispute,
  useRejectDispute,
  useReviewCriterion,
  useReviewFinding,
  useRevertOverride,
  useSwapRoles,
  useWithdrawDispute,
} from '../../api/calls.api.ts';
import { RESULT_TITLES } from '../../components/labels.ts';
import type { CriterionResult } from '../../components/labels.ts';
import type { ReviewDialogRequest } from './review-dialog.tsx';
import { targetAfterPo } from './review-model.ts';
import type { CriterionView, DisputeView, FindingView } from './review-model.ts';

export interface ReviewActions {
  canReview: boolean;
  canDispute: boolean;
  reviewCriterion: (criterion: CriterionView) => void;
  reviewFinding: (finding: FindingView, action: 'confirm' | 'remove') => void;
  addFinding: () => void;
  /** Takes back a decision; `target` names the item after «по», see `targetAfterPo`. */
  revert: (overrideId: number, target: string) => void;
  disputeCriterion: (criterion: CriterionView) => void;
  disputeFinding: (finding: FindingView) => void;
  acceptDispute: (dispute: DisputeView) => void;
  rejectDispute: (dispute: DisputeView) => void;
  withdrawDispute: (dispute: DisputeView) => void;
  swapRoles: () => void;
}

/**
 * Returns the verdict a manager's dispute requests unless they pick another: «Выполнен» against «Не
 * выполнен» or «Неприменим», since a manager disputes to have the item counted for them, and
 * «Неприменим» against «Выполнен».
 */
export function disputedResult(result: CriterionResult): CriterionResult {
  return result === 'passed' ? 'not_applicable' : 'passed';
}

/** Tells the reviewer which verdict okk gave, which one is in force, and that keeping it confirms it. */
export function criterionReviewSubject(criterion: Pick<CriterionView, 'title' | 'result' | 'machineResult'>): string {
  const machine = `okk поставил «${RESULT_TITLES[criterion.machineResult]}»`;
  const current = criterion.result === criterion.machineResult ? machine : `${machine}, после проверки — «${RESULT_TITLES[criterion.result]}»`;
  return `«${criterion.title}»: ${current}. Оставьте вердикт, чтобы подтвердить его, или выберите другой.`;
}

/** Builds the review and dispute actions of the call page. Each action opens a dialog that requires a comment. */
export function useReviewActions(callId: string, options: { canReview: boolean; canDispute: boolean; onAddFinding: () => void }) {
  const [dialog, setDialog] = useState<ReviewDialogRequest | null>(null);
  const reviewCriterion = useReviewCriterion(callId);
  const reviewFinding = useReviewFinding(callId);
  const addFinding = useAddFinding(callId);
  const revert = useRevertOverride(callId);
  const swap = useSwapRoles(callId);
  const openDispute = useOpenDispute(callId);
  const accept = useAcceptDispute(callId);
  const reject = useRejectDispute(callId);
  const withdraw = useWithdrawDispute(callId);

  const saved = (message: string) => {
    notifications.show({ color: 'teal', message });
  };

  const actions: ReviewActions = {
    ...options,
    addFinding: options.onAddFinding,
    reviewCriterion: (criterion) => {
      setDialog({
        title: 'Проверка критерия',
        subject: criterionReviewSubject(criterion),
        submitLabel: 'Сохранить решение',
        commentLabel: 'Комментарий',
        commentPlaceholder: 'Почему вердикт такой: что именно сказал менеджер',
        // The verdict in force is selected, so saving without a change confirms it, as the subject states.
        result: { initial: criterion.result, label: 'Вердикт' },
        onSubmit: async ({ comment, result }) => {
          await reviewCriterion.mutateAsync({ criterionId: criterion.id, body: { result: result ?? criterion.result, comment } });
          saved('Решение сохранено, оценка пересчитана');
        },
      });
    },
    reviewFinding: (finding, action) => {
      setDialog(
        action === 'confirm'
          ? {
              title: 'Подтвердить находку',
              subject: `«${finding.title}» в реплике ${String(finding.turn + 1)}. Можно изменить важность.`,
              submitLabel: 'Подтвердить',
              commentLabel: 'Комментарий',
              commentPlaceholder: 'Например: грубость явная, клиент после этого замолчал',
              severity: { initial: finding.severity },
              onSubmit: async ({ comment, severity }) => {
                await reviewFinding.mutateAsync({ findingKey: finding.key, body: { action: 'confirm', comment, ...(severity === null ? {} : { severity }) } });
                saved('Находка подтверждена');
              },
            }
          : {
              title: 'Удалить ложную находку',
              subject: `«${finding.title}»: «${finding.quote}». Находка перестанет влиять на оценку; удаление останется в истории.`,
              submitLabel: 'Удалить находку',
              commentLabel: 'Почему находка ложная',
              commentPlaceholder: 'Например: это цитата клиента, а не слова менеджера',
              danger: true,
              onSubmit: async ({ comment }) => {
                await reviewFinding.mutateAsync({ findingKey: finding.key, body: { action: 'remove', comment } });
                saved('Находка удалена, оценка пересчитана');
              },
            },
      );
    },
    revert: (overrideId, target) => {
      setDialog({
        title: 'Вернуть решение okk',
        subject: `Решение по ${target} будет отменено, снова будет действовать вердикт okk.`,
        submitLabel: 'Вернуть',
        commentLabel: 'Комментарий',
        commentPlaceholder: 'Почему решение отменено',
        onSubmit: async ({ comment }) => {
          await revert.mutateAsync({ overrideId, body: { comment } });
          saved('Решение отменено');
        },
      });
    },
    disputeCriterion: (criterion) => {
      setDialog({
        title: 'Оспорить оценку',
        subject: `«${criterion.title}» — сейчас «${RESULT_TITLES[criterion.result]}». Специалист ОКК рассмотрит спор и ответит.`,
        submitLabel: 'Отправить спор',
        commentLabel: 'Почему вы не согласны',
        commentPlaceholder: 'Например: я назвал клиента по имени на 02:15',
        commentRequired: 'Объясните, почему вы не согласны: это прочитает специалист ОКК, который решает спор',
        result: { initial: disputedResult(criterion.result), label: 'Какой вердикт вы считаете верным' },
        onSubmit: async ({ comment, result }) => {
          await openDispute.mutateAsync({ target: { type: 'criterion', criterionId: criterion.id }, comment, ...(result === null ? {} : { requestedResult: result }) });
          saved('Спор отправлен специалисту ОКК');
        },
      });
    },
    disputeFinding: (finding) => {
      setDialog({
        title: 'Оспорить находку',
        subject: `«${finding.title}»: «${finding.quote}». Специалист ОКК рассмотрит спор и ответит.`,
        submitLabel: 'Отправить спор',
        commentLabel: 'Почему вы не согласны',
        commentPlaceholder: 'Например: клиент сам попросил перезвонить позже',
        commentRequired: 'Объясните, почему вы не согласны: это прочитает специалист ОКК, который решает спор',
        onSubmit: async ({ comment }) => {
          await openDispute.mutateAsync({ target: { type: 'finding', findingKey: finding.key }, comment });
          saved('Спор отправлен специалисту ОКК');
        },
      });
    },
    acceptDispute: (dispute) => {
      setDialog({
        title: 'Принять спор',
        subject: `«${dispute.targetTitle}»: ${dispute.comment}`,
        submitLabel: 'Принять',
        commentLabel: 'Ответ менеджеру',
        commentPlaceholder: 'Например: согласен, имя клиента прозвучало',
        commentRequired: 'Добавьте ответ: его увидит менеджер',
        ...(dispute.target.type === 'criterion' ? { result: { initial: dispute.requestedResult ?? 'passed', label: 'Новый вердикт' } } : {}),
        onSubmit: async ({ comment, result }) => {
          await accept.mutateAsync({ disputeId: dispute.id, body: { comment, ...(result === null ? {} : { result }) } });
          saved('Спор принят, оценка пересчитана');
        },
      });
    },
    rejectDispute: (dispute) => {
      setDialog({
        title: 'Отклонить спор',
        subject: `«${dispute.targetTitle}»: ${dispute.comment}`,
        submitLabel: 'Отклонить',
        commentLabel: 'Ответ менеджеру',
        commentPlaceholder: 'Объясните, почему оценка остаётся',
        commentRequired: 'Добавьте ответ: его увидит менеджер',
        danger: true,
        onSubmit: async ({ comment }) => {
          await reject.mutateAsync({ disputeId: dispute.id, body: { comment } });
          saved('Спор отклонён');
        },
      });
    },
    withdrawDispute: (dispute) => {
      setDialog({
        title: 'Отозвать спор?',
        subject: `Спор по ${targetAfterPo(dispute.target.type, dispute.targetTitle)} закроется без решения, и специалист ОКК не будет его рассматривать. Оценка останется прежней.`,
        submitLabel: 'Отозвать спор',
        commentLabel: '',
        commentPlaceholder: '',
        withoutComment: true,
        danger: true,
        onSubmit: async () => {
          await withdraw.mutateAsync(dispute.id);
          saved('Спор отозван');
        },
      });
    },
    swapRoles: () => {
      setDialog({
        title: 'Поменять роли местами',
        subject: 'Реплики менеджера станут репликами клиента и наоборот; звонок будет оценён заново.',
        submitLabel: 'Поменять роли',
        commentLabel: 'Комментарий',
        commentPlaceholder: 'Например: менеджер на втором канале',
        onSubmit: async ({ comment }) => {
          await swap.mutateAsync({ comment });
          saved('Роли поменяны, звонок оценён заново');
        },
      });
    },
  };

  return { actions, dialog, setDialog, addFindingMutation: addFinding };
}
