import { Card, SimpleGrid, Stack, Text } from '@mantine/core';

import { useManagerOutcomes } from '../../api/outcomes.api.ts';
import type { ManagerOutcomes } from '../../api/outcomes.api.ts';
import { countOf, formatDuration, formatNumber, formatShare } from '../../format/russian-format.ts';

const PROMISE_FORMS = ['обещание', 'обещания', 'обещаний'] as const;
const MISSED_FORMS = ['пропущенный', 'пропущенных', 'пропущенных'] as const;
const ANSWER_FORMS = ['ответ', 'ответа', 'ответов'] as const;

function Figure({ label, value, hint, color }: { label: string; value: string; hint: string; color?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={22} fw={700} lh={1.25} c={color ?? 'dark'}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Stack>
  );
}

function hasData(figures: ManagerOutcomes): boolean {
  return figures.promises.kept + figures.promises.broken > 0 || figures.missedCalls.episodes > 0 || figures.nps.answers > 0;
}

/** Promises kept, missed calls called back and NPS of one manager, shown when the call log or NPS data exists. */
export function FollowThroughCard({ managerId, from }: { managerId: number; from: string }) {
  const outcomes = useManagerOutcomes(managerId, { from });
  const figures = outcomes.data?.totals;
  if (figures === undefined || !hasData(figures)) {
    return null;
  }
  const { promises, missedCalls, nps } = figures;
  const keptRate = promises.keptRate?.estimate ?? null;
  const callbackRate = missedCalls.callbackRate?.estimate ?? null;

  return (
    <Card mb="md" data-testid="follow-through">
      <Text fw={600} mb="sm">
        Обещания и перезвоны
      </Text>
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="md">
        <Figure
          label="Обещания выполнены"
          value={keptRate === null ? '—' : formatShare(keptRate)}
          hint={`${countOf(promises.kept + promises.broken, PROMISE_FORMS)} проверено, не выполнено ${formatNumber(promises.broken)}`}
          {...(keptRate !== null && keptRate < 0.8 ? { color: 'red.7' } : {})}
        />
        <Figure
          label="Перезвонил на пропущенные"
          value={callbackRate === null ? '—' : formatShare(callbackRate)}
          hint={`${countOf(missedCalls.episodes, MISSED_FORMS)}, без перезвона ${formatNumber(missedCalls.noCallback)}`}
          {...(missedCalls.noCallback > 0 ? { color: 'red.7' } : {})}
        />
        <Figure label="Перезванивает в среднем через" value={formatDuration(missedCalls.medianCallbackWorkingSec ?? missedCalls.medianCallbackSec)} hint="рабочего времени, медиана" />
        <Figure
          label="NPS клиентов"
          value={nps.npsIndex === null ? '—' : formatNumber(Math.round(nps.npsIndex))}
          hint={nps.answers === 0 ? 'ответов нет' : `${countOf(nps.answers, ANSWER_FORMS)}, средняя оценка ${formatNumber(nps.meanScore ?? 0, 1)}`}
        />
      </SimpleGrid>
    </Card>
  );
}
