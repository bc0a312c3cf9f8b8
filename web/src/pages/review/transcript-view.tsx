import { Badge, Box, Group, Paper, ScrollArea, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowsCross, IconPlayerPlay } from '@tabler/icons-react';
import { memo, useEffect, useRef } from 'react';

import type { CallDetail } from '../../../../src/server/schemas/calls.schemas.ts';
import { SEVERITY_COLORS, SEVERITY_ORDER } from '../../components/labels.ts';
import type { Severity } from '../../components/labels.ts';
import { formatClock } from '../../format/russian-format.ts';
import { splitByQuotes } from './quote-highlight.ts';

type Turn = CallDetail['turns'][number];

export interface TurnMarker {
  key: string;
  title: string;
  severity: Severity;
}

export interface TranscriptFocus {
  /** Turn to scroll to and outline. */
  turn: number;
  /** Quotes to highlight, by turn. */
  quotes: ReadonlyMap<number, readonly string[]>;
}

const FLAG_TITLES: Record<Turn['flags'][number], string> = {
  unattributed: 'не удалось определить, кто говорит',
  repetition_loop: 'распознавание зациклилось на повторах',
  low_confidence: 'распознано неуверенно',
  silence_text: 'текст распознан в тишине — вероятно, шум',
};

const NO_QUOTES: readonly string[] = [];

/** Colours of a turn by speaker; turns whose speaker is unknown are yellow so they stand out. */
const ROLE_LOOK: Record<Turn['role'], { background: string; name: string }> = {
  manager: { background: 'brand.0', name: 'brand.8' },
  client: { background: 'gray.1', name: 'teal.9' },
  unknown: { background: 'yellow.0', name: 'yellow.9' },
};

/** Turns that are probably recognition garbage and are shown dimmed. */
function isDoubtful(turn: Turn): boolean {
  return turn.flags.some((flag) => flag !== 'unattributed');
}

interface TranscriptViewProps {
  turns: readonly Turn[];
  managerName: string | null;
  clientName: string | null;
  focus: TranscriptFocus | null;
  /** The turn being heard now, while the recording plays. */
  playingTurn: number | null;
  markers: ReadonlyMap<number, readonly TurnMarker[]>;
  canPlay: boolean;
  onPlayTurn: (turn: Turn) => void;
  onMarkerClick: (key: string) => void;
  height: number | string;
}

/** Shows the call as a dialogue: the manager on the right in blue, the client on the left, overlaps and doubtful turns marked. */
export function TranscriptView(props: TranscriptViewProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const focusTurn = props.focus?.turn ?? null;

  useEffect(() => {
    if (focusTurn === null) {
      return;
    }
    const element = viewport.current?.querySelector(`[data-turn="${String(focusTurn)}"]`);
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [focusTurn, props.focus]);

  return (
    <Paper withBorder>
      <Group justify="space-between" px="md" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Text fw={600}>Расшифровка</Text>
        <Group gap="md">
          <Group gap={6}>
            <Box w={10} h={10} bg="gray.4" style={{ borderRadius: 10 }} />
            <Text size="xs" c="dimmed">
              {props.clientName ?? 'Клиент'}
            </Text>
          </Group>
          <Group gap={6}>
            <Box w={10} h={10} bg="brand.5" style={{ borderRadius: 10 }} />
            <Text size="xs" c="dimmed">
              {props.managerName ?? 'Менеджер'}
            </Text>
          </Group>
        </Group>
      </Group>
      <ScrollArea h={props.height} viewportRef={viewport} type="auto" offsetScrollbars>
        <Stack gap={6} p="md" data-testid="transcript">
          {props.turns.map((turn) => (
            <TurnBubble
              key={turn.index}
              turn={turn}
              speaker={speakerName(turn, props.managerName, props.clientName)}
              focused={focusTurn === turn.index}
              playing={props.playingTurn === turn.index}
              quotes={props.focus?.quotes.get(turn.index) ?? NO_QUOTES}
              markers={props.markers.get(turn.index) ?? []}
              canPlay={props.canPlay}
              onPlay={props.onPlayTurn}
              onMarkerClick={props.onMarkerClick}
            />
          ))}
        </Stack>
      </ScrollArea>
    </Paper>
  );
}

function speakerName(turn: Turn, managerName: string | null, clientName: string | null): string {
  if (turn.role === 'manager') {
    return managerName ?? 'Менеджер';
  }
  if (turn.role === 'client') {
    return clientName ?? 'Клиент';
  }
  return turn.speaker ?? 'Говорящий не определён';
}

interface TurnBubbleProps {
  turn: Turn;
  speaker: string;
  focused: boolean;
  playing: boolean;
  quotes: readonly string[];
  markers: readonly TurnMarker[];
  canPlay: boolean;
  onPlay: (turn: Turn) => void;
  onMarkerClick: (key: string) => void;
}

const TurnBubble = memo(function TurnBubble({ turn, speaker, focused, playing, quotes, markers, canPlay, onPlay, onMarkerClick }: TurnBubbleProps) {
  const manager = turn.role === 'manager';
  const look = ROLE_LOOK[turn.role];
  const doubtful = isDoubtful(turn);
  const pieces = splitByQuotes(turn.text, quotes);
  const sorted = [...markers].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const flagText = turn.flags.map((flag) => FLAG_TITLES[flag]).join('; ');

  return (
    <Box
      className="okk-turn"
      data-turn={turn.index}
      data-role={turn.role}
      data-active={focused}
      data-dimmed={doubtful}
      ml={manager ? 64 : 0}
      mr={manager ? 0 : 64}
      p="xs"
      bg={look.background}
      style={{
        borderRadius: 10,
        borderLeft: manager ? undefined : `3px solid var(--mantine-color-${turn.role === 'client' ? 'teal-6' : 'yellow-6'})`,
        borderRight: manager ? '3px solid var(--mantine-color-brand-5)' : undefined,
        outline: playing ? '1px dashed var(--mantine-color-brand-4)' : undefined,
      }}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" mb={2}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="xs" fw={700} c={look.name} truncate>
            {speaker}
          </Text>
          {turn.overlapsTurn !== null && (
            <Tooltip label={`Говорят одновременно с репликой ${String(turn.overlapsTurn + 1)}`}>
              <Badge size="xs" variant="light" color="grape" leftSection={<IconArrowsCross size={10} />}>
                наложение
              </Badge>
            </Tooltip>
          )}
          {doubtful && (
            <Tooltip label={flagText}>
              <Badge size="xs" variant="outline" color="gray">
                сомнительно
              </Badge>
            </Tooltip>
          )}
          {sorted.map((marker) => (
            <Badge
              key={marker.key}
              size="xs"
              color={SEVERITY_COLORS[marker.severity]}
              variant="light"
              component="button"
              type="button"
              style={{ cursor: 'pointer', border: 0 }}
              onClick={() => {
                onMarkerClick(marker.key);
              }}
            >
              {marker.title}
            </Badge>
          ))}
        </Group>
        {turn.startSec !== null && (
          <UnstyledButton
            onClick={() => {
              onPlay(turn);
            }}
            disabled={!canPlay}
            aria-label={canPlay ? `Слушать с ${formatClock(turn.startSec)}` : `Время ${formatClock(turn.startSec)}`}
          >
            <Group gap={2} wrap="nowrap">
              {canPlay && <IconPlayerPlay size={11} color="var(--mantine-color-dimmed)" />}
              <Text size="xs" c="dimmed" ff="monospace">
                {formatClock(turn.startSec)}
              </Text>
            </Group>
          </UnstyledButton>
        )}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {pieces.map((piece, index) =>
          piece.marked ? (
            <mark key={index} className="okk-evidence" data-focused={focused}>
              {piece.text}
            </mark>
          ) : (
            <span key={index}>{piece.text}</span>
          ),
        )}
      </Text>
    </Box>
  );
});
