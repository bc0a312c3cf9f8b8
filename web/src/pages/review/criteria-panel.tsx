import { Badge, Box, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertOctagon, IconMessageReport } from '@tabler/icons-react';

import { RESULT_COLORS, RESULT_TITLES } from '../../components/labels.ts';
import { formatClock, formatNumber } from '../../format/russian-format.ts';
import { DisputeNotice, ReviewMarkLine } from './review-marks.tsx';
import type { ReviewActions } from './review-actions.ts';
import { openDispute, targetAfterPo } from './review-model.ts';
import type { CriterionView, DisputeView, Selection } from './review-model.ts';

interface CriteriaPanelProps {
  criteria: readonly CriterionView[];
  disputes: readonly DisputeView[];
  selection: Selection | null;
  actions: ReviewActions;
  onSelect: (criterion: CriterionView) => void;
}

export function CriteriaPanel({ criteria, disputes, selection, actions, onSelect }: CriteriaPanelProps) {
  return (
    <Stack gap={6}>
      {criteria.map((criterion) => (
        <CriterionRow
          key={criterion.id}
          criterion={criterion}
          dispute={openDispute(disputes, criterion.openDisputeId)}
          selected={selection?.type === 'criterion' && selection.id === criterion.id}
          actions={actions}
          onSelect={onSelect}
        />
      ))}
    </Stack>
  );
}

function CriterionRow({
  criterion,
  dispute,
  selected,
  actions,
  onSelect,
}: {
  criterion: CriterionView;
  dispute: DisputeView | null;
  selected: boolean;
  actions: ReviewActions;
  onSelect: (criterion: CriterionView) => void;
}) {
  const changed = criterion.result !== criterion.machineResult;
  const firstEvidence = criterion.evidence[0];
  return (
    <Box
      className="okk-clickable"
      data-selected={selected}
      data-testid={`criterion-${criterion.id}`}
      p="xs"
      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
      onClick={() => {
        onSelect(criterion);
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          {criterion.critical && (
            <Tooltip label="Критичный критерий: его невыполнение ограничивает оценку">
              <IconAlertOctagon size={15} color="var(--mantine-color-red-7)" style={{ flexShrink: 0 }} />
            </Tooltip>
          )}
          <Text size="sm" fw={600} truncate>
            {criterion.title}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            вес {formatNumber(criterion.weight, 1)}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          {changed && (
            <Tooltip label={`okk: «${RESULT_TITLES[criterion.machineResult]}»`}>
              <Badge size="sm" variant="outline" color="gray" td="line-through">
                {RESULT_TITLES[criterion.machineResult]}
              </Badge>
            </Tooltip>
          )}
          <Badge size="sm" color={RESULT_COLORS[criterion.result]} variant={criterion.result === 'not_applicable' ? 'light' : 'filled'} data-testid="criterion-result">
            {RESULT_TITLES[criterion.result]}
          </Badge>
        </Group>
      </Group>
      {(selected || criterion.result === 'failed') && (
        <Text size="sm" c="dimmed" mt={4}>
          {criterion.explanation}
        </Text>
      )}
      {selected &&
        criterion.evidence.map((evidence, index) => (
          <Text key={index} size="sm" fs="italic" mt={4}>
            {evidence.startSec !== null && (
              <Text span size="xs" ff="monospace" c="dimmed" mr={6}>
                {formatClock(evidence.startSec)}
              </Text>
            )}
            «{evidence.quote}»
          </Text>
        ))}
      {!selected && firstEvidence !== undefined && criterion.result === 'passed' && (
        <Text size="xs" c="dimmed" lineClamp={1} mt={2}>
          «{firstEvidence.quote}»
        </Text>
      )}
      {criterion.review !== null && <ReviewMarkLine mark={criterion.review} />}
      {dispute !== null && <DisputeNotice dispute={dispute} actions={actions} />}
      {(actions.canReview || (actions.canDispute && dispute === null)) && (
        <Group gap={6} mt={6} onClick={(event) => {
          event.stopPropagation();
        }}>
          {actions.canReview && (
            <Button size="compact-xs" variant="light" onClick={() => {
              actions.reviewCriterion(criterion);
            }}>
              Подтвердить или изменить
            </Button>
          )}
          {actions.canReview && criterion.review !== null && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => {
              actions.revert(criterion.review?.overrideId ?? 0, targetAfterPo('criterion', criterion.title));
            }}>
              Вернуть вердикт okk
            </Button>
          )}
          {actions.canDispute && dispute === null && criterion.result !== 'passed' && (
            <Button size="compact-xs" variant="light" color="orange" leftSection={<IconMessageReport size={12} />} onClick={() => {
              actions.disputeCriterion(criterion);
            }}>
              Оспорить
            </Button>
          )}
        </Group>
      )}
    </Box>
  );
}
