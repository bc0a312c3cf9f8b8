import { describe, expect, it } from 'vitest';

import type { Transcript } from '../src/core/model/transcript.ts';
import { evaluateCall } from '../src/core/evaluation/evaluate-call.ts';
import { buildTranscript, loadEngine, resultOf } from './call-script.ts';

// The CRM keeps the full passport name; on the phone the employee says a short or different name.
const CRM_MANAGER = { name: 'Смирнова Екатерина Сергеевна', team: 'Отдел продаж', supervisor: null, position: null };

function withCrmManager(lines: readonly string[]): Transcript {
  const transcript = buildTranscript(lines);
  return { ...transcript, call: { ...transcript.call, manager: CRM_MANAGER } };
}

async function evaluate(lines: readonly string[]) {
  const { morphology, checklist } = await loadEngine();
  return evaluateCall(withCrmManager(lines), checklist, { morphology, timeZone: 'Europe/Moscow' });
}

describe('spoken name differs from the CRM name', () => {
  it.each([
    'добрый день компания телеком меня зовут катя чем могу помочь',
    'здравствуйте это кира из отдела продаж',
    'добрый день жанна слушаю вас',
  ])('introduction passes on «%s»', async (opening) => {
    const evaluation = await evaluate([`M: ${opening}`, 'C: здравствуйте у меня вопрос по тарифу']);

    expect(resultOf(evaluation, 'introduction')).toBe('passed');
  });

  it('keeps the CRM name as the manager of the call', async () => {
    const evaluation = await evaluate(['M: добрый день меня зовут катя', 'C: здравствуйте']);

    expect(evaluation.call.manager).toEqual(CRM_MANAGER);
  });

  it('does not take the spoken own name for the client name', async () => {
    const evaluation = await evaluate([
      'M: добрый день компания телеком меня зовут катя чем могу помочь',
      'C: здравствуйте у меня не работает интернет',
      'M: подскажите номер договора',
      'C: шестьсот шестьдесят ноль тридцать четыре',
      'M: спасибо катя проверит заявку',
    ]);

    expect(resultOf(evaluation, 'client_name')).toBe('failed');
  });
});
