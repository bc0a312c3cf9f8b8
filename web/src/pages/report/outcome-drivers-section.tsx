import { Anchor, Badge, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';

import type { OutcomeDriver, OutcomesReport } from '../../api/outcomes.api.ts';
import { capitalize, countOf, formatNumber, formatShare } from '../../format/russian-format.ts';

const CLIENT_FORMS = ['клиент', 'клиента', 'клиентов'] as const;
const VERDICT_COLORS: Record<OutcomeDriver['verdict'], string> = { worse: 'red', better: 'teal', no_effect: 'gray', insufficient_data: 'gray' };

type Outcome = 'detractors' | 'noRepeatPurchase';

const OUTCOME_TITLES: Record<Outcome, { tab: string; rate: string }> = {
  detractors: { tab: 'Низкий NPS', rate: 'доля критиков (0–6)' },
  noRepeatPurchase: { tab: 'Нет повторной покупки', rate: 'доля без повторной покупки' },
};

/** Shows which behaviours go with detractors and lost repeat purchases, measured against NPS results and deals. */
export function OutcomeDriversSection({ outcomes }: { outcomes: OutcomesReport }) {
  const [outcome, setOutcome] = useState<Outcome>(outcomes.drivers.detractors.units > 0 ? 'detractors' : 'noRepeatPurchase');
  const report = outcomes.drivers[outcome];
  const drivers = [...report.drivers].sort((a, b) => (b.rateDifference.estimate ?? 0) - (a.rateDifference.estimate ?? 0)).slice(0, 6);
  const { promises, missedCalls } = outcomes.totals;

  return (
    <Card data-testid="outcome-drivers">
      <Group justify="space-between" mb={2}>
        <Text fw={600}>Что связано с потерей клиентов: NPS и повторные покупки</Text>
        <SegmentedControl
          size="xs"
          value={outcome}
          onChange={(value) => {
            setOutcome(value === 'noRepeatPurchase' ? 'noRepeatPurchase' : 'detractors');
          }}
          data={(['detractors', 'noRepeatPurchase'] as const).map((value) => ({ value, label: OUTCOME_TITLES[value].tab }))}
        />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {countOf(report.units, CLIENT_FORMS)} с оценкой или сделкой, из них {formatNumber(report.badUnits)} с плохим исходом. Сравнение звонков с поведением и без него;
        вывод учитывает число проверенных признаков.
        {promises.keptRate !== null && ` Обещания выполнены в ${formatShare(promises.keptRate.estimate ?? 0)} случаев.`}
        {missedCalls.episodes > 0 && ` Без перезвона осталось ${formatNumber(missedCalls.noCallback)} из ${formatNumber(missedCalls.episodes)} пропущенных.`}
      </Text>
      {drivers.length === 0 ? (
        <Text size="sm" c="dimmed">
          Данных пока мало, чтобы связать поведение менеджеров с исходом.
        </Text>
      ) : (
        <Table verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Поведение в звонке</Table.Th>
              <Table.Th ta="right">{OUTCOME_TITLES[outcome].rate}: с ним</Table.Th>
              <Table.Th ta="right">без него</Table.Th>
              <Table.Th>Вывод</Table.Th>
              <Table.Th>Примеры</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {drivers.map((driver) => (
              <Table.Tr key={driver.feature}>
                <Table.Td>{driver.title}</Table.Td>
                <Table.Td ta="right">{driver.withFeature.estimate === null ? '—' : formatShare(driver.withFeature.estimate)}</Table.Td>
                <Table.Td ta="right">{driver.withoutFeature.estimate === null ? '—' : formatShare(driver.withoutFeature.estimate)}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={VERDICT_COLORS[driver.verdict]}>
                    {capitalize(driver.verdictTitle)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Group gap={6}>
                      {driver.examples.slice(0, 3).map((callId, index) => (
                        <Anchor key={callId} component={Link} to={`/calls/${encodeURIComponent(callId)}`} size="sm">
                          звонок {index + 1}
                        </Anchor>
                      ))}
                    </Group>
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
