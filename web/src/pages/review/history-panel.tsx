import { Badge, Group, Stack, Text, Timeline } from '@mantine/core';

import type { CallDetail } from '../../../../src/server/schemas/calls.schemas.ts';
import { useSession } from '../../auth/session-context.tsx';
import { EmptyState } from '../../components/states.tsx';
import { capitalize, formatDateTime, formatScore } from '../../format/russian-format.ts';
import { ExpandableText } from './expandable-text.tsx';

type ReviewEvent = CallDetail['reviewHistory'][number];
type Dispute = CallDetail['disputes'][number];

const EVENT_COLORS: Partial<Record<ReviewEvent['action'], string>> = {
  criterion_changed: 'brand',
  finding_removed: 'red',
  finding_added: 'grape',
  dispute_opened: 'orange',
  dispute_accepted: 'teal',
  dispute_rejected: 'red',
  roles_swapped: 'cyan',
};

const DISPUTE_COLORS: Record<Dispute['status'], string> = { open: 'orange', accepted: 'teal', rejected: 'red', withdrawn: 'gray' };

/** Lists every change people made to the call's evaluation, newest first, with the score before and after. */
export function HistoryPanel({ events }: { events: readonly ReviewEvent[] }) {
  const { timeZone } = useSession();
  if (events.length === 0) {
    return <EmptyState title="Изменений пока нет">Здесь появятся решения специалистов ОКК и споры менеджера.</EmptyState>;
  }
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="review-history">
      {sorted.map((event) => (
        <Timeline.Item key={event.id} color={EVENT_COLORS[event.action] ?? 'gray'} title={<Text size="sm" fw={600}>{event.summary}</Text>}>
          <Text size="xs" c="dimmed">
            {event.actor ?? 'система'} · {formatDateTime(event.at, timeZone)}
            {event.scoreBefore !== event.scoreAfter && ` · оценка ${formatScore(event.scoreBefore)} → ${formatScore(event.scoreAfter)}`}
          </Text>
          {event.comment !== null && event.comment !== '' && <ExpandableText size="sm" mt={2} text={event.comment} />}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** Lists the call's disputes with their state and the reviewer's reply; `highlightedId` is outlined. */
export function DisputesList({ disputes, highlightedId = null }: { disputes: readonly Dispute[]; highlightedId?: number | null }) {
  const { timeZone } = useSession();
  if (disputes.length === 0) {
    return null;
  }
  return (
    <Stack gap={6}>
      {disputes.map((dispute) => (
        <Stack
          key={dispute.id}
          gap={2}
          p="xs"
          style={{ border: dispute.id === highlightedId ? '2px solid var(--mantine-color-orange-5)' : '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
          data-testid={`dispute-state-${String(dispute.id)}`}
          data-highlighted={dispute.id === highlightedId}
        >
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {dispute.targetTitle}
            </Text>
            <Badge size="sm" color={DISPUTE_COLORS[dispute.status]} variant="light">
              {capitalize(dispute.statusTitle)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {dispute.openedBy ?? 'менеджер'} · {formatDateTime(dispute.openedAt, timeZone)}
          </Text>
          <ExpandableText size="sm" text={dispute.comment} />
          {dispute.resolutionComment !== null && (
            <ExpandableText size="sm" c="dimmed" text={dispute.resolutionComment}>
              Ответ{dispute.resolvedBy === null ? '' : ` (${dispute.resolvedBy})`}: {dispute.resolutionComment}
            </ExpandableText>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
