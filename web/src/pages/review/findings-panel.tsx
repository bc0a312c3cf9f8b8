import { Alert, Badge, Box, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconMessageReport, IconPlayerPlay } from '@tabler/icons-react';

import { SEVERITY_COLORS, SEVERITY_ORDER, SEVERITY_TITLES } from '../../components/labels.ts';
import { EmptyState } from '../../components/states.tsx';
import { formatClock } from '../../format/russian-format.ts';
import { DisputeNotice, ReviewMarkLine } from './review-marks.tsx';
import type { DisputeView, FindingView, Selection } from './review-model.ts';
import { openDispute, targetAfterPo } from './review-model.ts';
import type { ReviewActions } from './review-actions.ts';

interface FindingsPanelProps {
  findings: readonly FindingView[];
  removed: readonly FindingView[];
  disputes: readonly DisputeView[];
  selection: Selection | null;
  actions: ReviewActions;
  /** False for a call without a recording: the finding's button then jumps to its quote instead of playing. */
  canPlay: boolean;
  onSelect: (finding: FindingView) => void;
}

export function FindingsPanel({ findings, removed, disputes, selection, actions, canPlay, onSelect }: FindingsPanelProps) {
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.turn - b.turn);
  return (
    <Stack gap="xs">
      {sorted.length === 0 && (
        <EmptyState title="Замечаний нет">
          {removed.length === 0
            ? 'okk не нашёл в звонке поведения, которое отталкивает клиентов. Вердикты по критериям — на вкладке «Чек-лист».'
            : 'Находки okk удалены специалистом ОКК как ложные. Вердикты по критериям — на вкладке «Чек-лист».'}
        </EmptyState>
      )}
      {sorted.map((finding) => (
        <FindingCard
          key={finding.key}
          finding={finding}
          dispute={openDispute(disputes, finding.openDisputeId)}
          selected={selection?.type === 'finding' && selection.key === finding.key}
          actions={actions}
          canPlay={canPlay}
          onSelect={onSelect}
        />
      ))}
      {actions.canReview && (
        <Button variant="light" size="xs" onClick={actions.addFinding} style={{ alignSelf: 'flex-start' }}>
          Добавить находку, которую okk пропустил
        </Button>
      )}
      {removed.length > 0 && (
        <Box mt="sm">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
            Удалены специалистом ОКК как ложные
          </Text>
          {removed.map((finding) => (
            <Group key={finding.key} gap="xs" wrap="nowrap" py={4}>
              <Text size="sm" td="line-through" c="dimmed">
                {finding.title}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1} style={{ minWidth: 0 }}>
                {finding.review?.comment}
              </Text>
              {actions.canReview && finding.review !== null && (
                <Button size="compact-xs" variant="subtle" onClick={() => {
                  actions.revert(finding.review?.overrideId ?? 0, targetAfterPo('finding', finding.title));
                }}>
                  Вернуть
                </Button>
              )}
            </Group>
          ))}
        </Box>
      )}
    </Stack>
  );
}

function FindingCard({
  finding,
  dispute,
  selected,
  actions,
  canPlay,
  onSelect,
}: {
  finding: FindingView;
  dispute: DisputeView | null;
  selected: boolean;
  actions: ReviewActions;
  canPlay: boolean;
  onSelect: (finding: FindingView) => void;
}) {
  const playable = canPlay && finding.startSec !== null;
  return (
    <Box
      className="okk-clickable"
      data-selected={selected}
      data-testid={`finding-${finding.key}`}
      p="sm"
      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, borderLeft: `4px solid var(--mantine-color-${SEVERITY_COLORS[finding.severity]}-6)` }}
      onClick={() => {
        onSelect(finding);
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" truncate>
            {finding.title}
          </Text>
          <Badge size="xs" variant="light" color={SEVERITY_COLORS[finding.severity]}>
            {SEVERITY_TITLES[finding.severity]}
          </Badge>
          {finding.origin === 'reviewer' && (
            <Badge size="xs" variant="outline" color="grape">
              добавил ОКК
            </Badge>
          )}
        </Group>
        <Tooltip label={placeHint(canPlay, finding.startSec)}>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={playable ? <IconPlayerPlay size={12} /> : undefined}
            aria-label={playable ? `Слушать фрагмент «${finding.title}»` : `Показать в расшифровке «${finding.title}»`}
            data-testid={`finding-place-${finding.key}`}
            onClick={(event) => {
              event.stopPropagation();
              onSelect(finding);
            }}
          >
            {finding.startSec === null ? `реплика ${String(finding.turn + 1)}` : formatClock(finding.startSec)}
          </Button>
        </Tooltip>
      </Group>
      <Text size="sm" fs="italic" lineClamp={selected ? 20 : 2}>
        «{finding.quote}»
      </Text>
      <Text size="sm" c="dimmed" mt={4}>
        {finding.explanation}
      </Text>
      {selected && finding.recommendation !== '' && (
        <Alert variant="light" color="brand" mt="xs" p="xs" title="Как лучше">
          <Text size="sm">{finding.recommendation}</Text>
        </Alert>
      )}
      {finding.review !== null && <ReviewMarkLine mark={finding.review} />}
      {dispute !== null && <DisputeNotice dispute={dispute} actions={actions} />}
      <ItemButtons
        canReview={actions.canReview}
        canDispute={actions.canDispute && dispute === null}
        onConfirm={() => {
          actions.reviewFinding(finding, 'confirm');
        }}
        onRemove={() => {
          actions.reviewFinding(finding, 'remove');
        }}
        onDispute={() => {
          actions.disputeFinding(finding);
        }}
        {...(finding.review === null
          ? {}
          : {
              onRevert: () => {
                actions.revert(finding.review?.overrideId ?? 0, targetAfterPo('finding', finding.title));
              },
            })}
      />
    </Box>
  );
}

function ItemButtons({
  canReview,
  canDispute,
  onConfirm,
  onRemove,
  onDispute,
  onRevert,
}: {
  canReview: boolean;
  canDispute: boolean;
  onConfirm: () => void;
  onRemove: () => void;
  onDispute: () => void;
  /** Present when a reviewer's decision is in force on the finding. */
  onRevert?: () => void;
}) {
  if (!canReview && !canDispute) {
    return null;
  }
  return (
    <Group gap={6} mt="xs" onClick={(event) => {
      event.stopPropagation();
    }}>
      {canReview && (
        <>
          <Button size="compact-xs" variant="light" color="teal" onClick={onConfirm}>
            Подтвердить или изменить
          </Button>
          <Button size="compact-xs" variant="light" color="red" onClick={onRemove}>
            Ложная находка
          </Button>
          {onRevert !== undefined && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={onRevert}>
              Вернуть как у okk
            </Button>
          )}
        </>
      )}
      {canDispute && (
        <Button size="compact-xs" variant="light" color="orange" leftSection={<IconMessageReport size={12} />} onClick={onDispute}>
          Оспорить
        </Button>
      )}
    </Group>
  );
}

function placeHint(canPlay: boolean, startSec: number | null): string {
  if (!canPlay) {
    return 'Записи нет: показать цитату в расшифровке';
  }
  return startSec === null ? 'Время в записи неизвестно' : 'Слушать фрагмент';
}
