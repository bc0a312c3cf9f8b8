import { Badge, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';

import { PROMISE_TITLES, SENTIMENT_COLORS, SENTIMENT_TITLES } from '../../components/labels.ts';
import type { ClientHistory } from '../../api/outcomes.api.ts';
import { PROMISE_OUTCOME_COLORS, PROMISE_OUTCOME_TITLES } from '../../api/outcomes.api.ts';
import { useSession } from '../../auth/session-context.tsx';
import { formatClock, formatDateTime, formatDuration, formatNumber, formatShare } from '../../format/russian-format.ts';
import type { Evaluation } from './review-model.ts';

function Metric({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={650} size="lg" lh={1.3}>
        {value}
      </Text>
      {hint !== undefined && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

/** Talk share, interruptions, silence and the client's mood from start to end. */
export function MetricsPanel({ evaluation }: { evaluation: Evaluation }) {
  const { metrics, client } = evaluation;
  const share = metrics.managerTalkShare;
  return (
    <Stack gap="md">
      {share !== null && (
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm">Менеджер говорит {formatShare(share)}</Text>
            <Text size="sm" c="dimmed">
              клиент {formatShare(1 - share)}
            </Text>
          </Group>
          <Progress.Root size={12}>
            <Progress.Section value={share * 100} color={share > 0.7 ? 'orange' : 'brand'} />
            <Progress.Section value={(1 - share) * 100} color="teal.4" />
          </Progress.Root>
          {share > 0.7 && (
            <Text size="xs" c="orange.8">
              Менеджер говорит слишком много: клиенту почти не остаётся времени рассказать о себе.
            </Text>
          )}
        </Stack>
      )}
      <SimpleGrid cols={3} spacing="md" verticalSpacing="md">
        <Metric label="Перебивания" value={formatNumber(metrics.interruptions)} />
        <Metric label="Тишина" value={formatDuration(metrics.silenceSec)} />
        <Metric label="Вопросов менеджера" value={formatNumber(metrics.managerQuestions)} hint={`у клиента — ${formatNumber(metrics.clientQuestions)}`} />
        <Metric
          label="Самый длинный монолог"
          value={metrics.longestManagerMonologueSec === null ? `${formatNumber(metrics.longestManagerMonologueWords)} сл.` : formatClock(metrics.longestManagerMonologueSec)}
        />
        <Metric label="Темп речи" value={metrics.speechRateWpm === null ? '—' : `${formatNumber(metrics.speechRateWpm)} сл./мин`} />
        <Metric label="Реплик по скрипту" value={`${formatNumber(metrics.scriptedTurns)} из ${formatNumber(metrics.turns)}`} />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          Настроение клиента
        </Text>
        <Group gap="xs">
          <Badge variant="light" color={client.sentimentStart === null ? 'gray' : SENTIMENT_COLORS[client.sentimentStart]}>
            в начале: {client.sentimentStart === null ? 'неясно' : SENTIMENT_TITLES[client.sentimentStart]}
          </Badge>
          <IconArrowRight size={14} />
          <Badge variant="light" color={client.sentimentEnd === null ? 'gray' : SENTIMENT_COLORS[client.sentimentEnd]}>
            в конце: {client.sentimentEnd === null ? 'неясно' : SENTIMENT_TITLES[client.sentimentEnd]}
          </Badge>
        </Group>
      </Stack>
    </Stack>
  );
}

type PromiseCheck = ClientHistory['promises'][number];

const EVIDENCE_TITLES: Record<NonNullable<PromiseCheck['evidence']>['kind'], string> = {
  call_log: 'звонок по журналу',
  call: 'звонок',
  crm_event: 'событие в CRM',
};

export function PromisesList({
  evaluation,
  checks,
  onSelectTurn,
}: {
  evaluation: Evaluation;
  /** Follow-through of the promises from the call log, where it was checked. */
  checks: readonly PromiseCheck[];
  onSelectTurn: (turn: number, startSec: number | null, quote: string) => void;
}) {
  const { timeZone } = useSession();
  if (evaluation.promises.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Менеджер ничего не обещал клиенту.
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      {evaluation.promises.map((promise, index) => {
        const check = checks.find((item) => item.turn === promise.turn && item.quote === promise.quote) ?? checks.find((item) => item.turn === promise.turn);
        return (
        <Stack
          key={index}
          gap={2}
          p="xs"
          className="okk-clickable"
          style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
          onClick={() => {
            onSelectTurn(promise.turn, promise.startSec, promise.quote);
          }}
        >
          <Group justify="space-between" gap="xs">
            <Badge size="sm" variant="light">
              {PROMISE_TITLES[promise.action]}
            </Badge>
            <Text size="xs" c="dimmed">
              {promise.due === null ? 'срок не назван' : `срок: ${formatDateTime(promise.due, timeZone)}`}
              {promise.dueText !== null && ` («${promise.dueText}»)`}
            </Text>
          </Group>
          <Text size="sm" fs="italic">
            «{promise.quote}»
          </Text>
          {check !== undefined && (
            <Group gap={6}>
              <Badge size="sm" variant="light" color={PROMISE_OUTCOME_COLORS[check.outcome]} data-testid="promise-outcome">
                {PROMISE_OUTCOME_TITLES[check.outcome]}
              </Badge>
              <Text size="xs" c="dimmed">
                {check.evidence !== null && `${EVIDENCE_TITLES[check.evidence.kind]} ${formatDateTime(check.evidence.at, timeZone)}`}
                {check.evidence === null && check.dueSource === 'default' && `срок по умолчанию — ${formatDateTime(check.dueAt, timeZone)}`}
                {check.lateFollowUpAt !== null && ` · с опозданием ${formatDateTime(check.lateFollowUpAt, timeZone)}`}
              </Text>
            </Group>
          )}
        </Stack>
        );
      })}
    </Stack>
  );
}
