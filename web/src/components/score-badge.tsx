import { Badge, Tooltip } from '@mantine/core';
import type { MantineSize } from '@mantine/core';

import { formatScore } from '../format/russian-format.ts';

/** Colour bands of a call score: below 60 is a problem call (the report's default), 80 and up is good. */
export function scoreColor(score: number | null | undefined): string {
  if (score === null || score === undefined) {
    return 'gray';
  }
  if (score >= 80) {
    return 'teal';
  }
  return score >= 60 ? 'yellow' : 'red';
}

export function ScoreBadge({ score, size = 'lg', machineScore, testId }: { score: number | null | undefined; size?: MantineSize; machineScore?: number | null; testId?: string }) {
  const changed = machineScore !== undefined && machineScore !== null && score !== null && score !== undefined && Math.round(machineScore) !== Math.round(score);
  const badge = (
    <Badge color={scoreColor(score)} variant="filled" size={size} radius="sm" miw={44} aria-label={`Оценка ${formatScore(score)}`} data-testid={testId}>
      {formatScore(score)}
    </Badge>
  );
  if (score === null || score === undefined) {
    return (
      <Tooltip label="Оценить звонок не удалось: в нём нет речи или не на что опереться">
        {badge}
      </Tooltip>
    );
  }
  return changed ? <Tooltip label={`Оценка okk — ${formatScore(machineScore)}, изменена специалистом ОКК`}>{badge}</Tooltip> : badge;
}
