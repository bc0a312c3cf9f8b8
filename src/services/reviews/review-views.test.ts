import { describe, expect, it } from 'vitest';

import type { ReviewEvent, StoredDispute } from '../../data/index.ts';
import { disputeView, eventView, targetTitle } from './review-views.ts';

function event(action: string, fields: Partial<ReviewEvent> = {}): ReviewEvent {
  return {
    id: 1,
    callId: 'call-1',
    action,
    target: 'criterion',
    targetKey: 'needs',
    from: null,
    to: null,
    comment: null,
    scoreBefore: 47,
    scoreAfter: 47,
    disputeId: null,
    actorId: 1,
    actorName: 'Марина Контролёва',
    createdAt: '2026-12-05T07:39:00.000Z',
    ...fields,
  };
}

const FORBIDDEN_PHRASE = { target: 'finding' as const, targetKey: 'forbidden_phrase@4' };

describe('review history texts', () => {
  it('numbers finding turns from 1', () => {
    expect(targetTitle('finding', 'forbidden_phrase@4')).toBe('Стоп-фраза (реплика 5)');
    expect(targetTitle('finding', 'forbidden_phrase@0')).toBe('Стоп-фраза (реплика 1)');
    expect(eventView(event('finding_confirmed', { target: 'finding', targetKey: 'forbidden_phrase@0' })).summary).toBe('Находка «Стоп-фраза (реплика 1)» подтверждена.');
  });

  it.each([
    ['dispute_opened', {}, 'Менеджер оспорил критерий «Выявление потребности».'],
    ['dispute_opened', FORBIDDEN_PHRASE, 'Менеджер оспорил находку «Стоп-фраза (реплика 5)».'],
    ['dispute_accepted', {}, 'Спор по критерию «Выявление потребности» принят.'],
    ['dispute_rejected', FORBIDDEN_PHRASE, 'Спор по находке «Стоп-фраза (реплика 5)» отклонён.'],
    ['dispute_withdrawn', { targetKey: 'speech_quality' }, 'Спор по критерию «Культура речи» отозван менеджером.'],
    ['override_reverted', FORBIDDEN_PHRASE, 'Правка по находке «Стоп-фраза (реплика 5)» отменена, действует вердикт okk.'],
  ] as const)('names the target with its noun: %s', (action, fields, summary) => {
    expect(eventView(event(action, fields)).summary).toBe(summary);
  });

  it('leaves the score out of summaries', () => {
    const view = eventView(event('criterion_changed', { targetKey: 'next_step', from: 'failed', to: 'passed', scoreBefore: 47, scoreAfter: 71 }));

    expect(view.summary).toBe('Следующий шаг: «не выполнен» → «выполнен».');
    expect([view.scoreBefore, view.scoreAfter]).toEqual([47, 71]);
  });

  it('numbers disputed finding turns from 1', () => {
    const dispute: StoredDispute = {
      id: 3,
      callId: 'call-1',
      ...FORBIDDEN_PHRASE,
      requestedResult: null,
      comment: 'не согласен',
      status: 'open',
      openedBy: { id: 2, name: 'Денис Орлов' },
      resolutionComment: null,
      resolvedBy: null,
      resolvedAt: null,
      createdAt: '2026-12-05T07:41:00.000Z',
      updatedAt: '2026-12-05T07:41:00.000Z',
      call: { startedAt: '2026-12-03T12:50:00', managerId: 2, managerName: 'Денис Орлов', teamId: 1, score: 36 },
    };

    expect(disputeView(dispute).targetTitle).toBe('Стоп-фраза (реплика 5)');
  });
});
