import { ActionIcon, Alert, Box, Group, Paper, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconPlayerPauseFilled, IconPlayerPlayFilled, IconRewindBackward5, IconRewindForward5 } from '@tabler/icons-react';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { Ref } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';

import { SEVERITY_COLORS } from '../../components/labels.ts';
import type { Severity } from '../../components/labels.ts';
import { formatClock } from '../../format/russian-format.ts';

/** A finding's place on the timeline. */
export interface TimelineMark {
  key: string;
  title: string;
  severity: Severity;
  startSec: number;
  endSec: number;
}

export interface PlayerHandle {
  /** Moves the playhead to `seconds` and starts playing. */
  playFrom: (seconds: number) => void;
}

const REGION_FILL: Record<Severity, string> = {
  critical: 'rgba(250, 82, 82, 0.28)',
  major: 'rgba(253, 126, 20, 0.26)',
  minor: 'rgba(250, 176, 5, 0.24)',
};

const RATES = ['1', '1.25', '1.5', '2'];

/**
 * Maximum length of a recording whose waveform is drawn. The browser decodes the whole file to draw it,
 * 115 MB of 32-bit samples per hour at wavesurfer's default 8 kHz, so longer calls get a plain timeline.
 */
const MAX_WAVEFORM_SEC = 30 * 60;

/** A thin even line drawn in place of the waveform of a long recording, so progress and marks still show. */
const FLAT_PEAKS = Array.from({ length: 800 }, () => 0.06);

const SEVERITY_LEGEND: Record<Severity, string> = { critical: 'критичные находки', major: 'серьёзные находки', minor: 'незначительные находки' };

interface CallPlayerProps {
  url: string;
  marks: readonly TimelineMark[];
  onMarkClick: (key: string) => void;
  onTime: (seconds: number) => void;
  /** Position of the playhead once the recording loads, e.g. the moment a link points to. */
  startAt: number | null;
  /** Length of the recording as stored, when known. */
  durationSec: number | null;
  ref?: Ref<PlayerHandle>;
}

/** Shows the call's recording as a waveform with its findings marked. Clicking a mark selects the finding. */
export function CallPlayer({ url, marks, onMarkClick, onTime, startAt, durationSec, ref }: CallPlayerProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const audioRef = useRef<HTMLAudioElement>(null);
  const surferRef = useRef<WaveSurfer | null>(null);
  const regionsRef = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const callbacks = useRef({ onMarkClick, onTime });
  const initialTime = useRef(startAt);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [rate, setRate] = useState('1');
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    callbacks.current = { onMarkClick, onTime };
  });

  useEffect(() => {
    const container = containerRef.current;
    const media = audioRef.current;
    if (container === null || media === null) {
      return;
    }
    const regions = RegionsPlugin.create();
    // Flat peaks with a known duration make wavesurfer skip fetching and decoding the file.
    const skipDecoding = durationSec !== null && durationSec > MAX_WAVEFORM_SEC;
    const surfer = WaveSurfer.create({
      container,
      media,
      url,
      ...(skipDecoding ? { peaks: [FLAT_PEAKS], duration: durationSec } : {}),
      height: 72,
      waveColor: '#a5b4c8',
      progressColor: '#136df2',
      cursorColor: '#0046ac',
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 2,
      normalize: !skipDecoding,
      dragToSeek: true,
      plugins: [regions],
    });
    surferRef.current = surfer;
    regionsRef.current = regions;
    const subscriptions = [
      surfer.on('ready', (seconds) => {
        setDuration(seconds);
        if (initialTime.current !== null) {
          surfer.setTime(Math.max(0, initialTime.current - 1));
        }
      }),
      surfer.on('timeupdate', (seconds) => {
        setTime(seconds);
        callbacks.current.onTime(seconds);
      }),
      surfer.on('play', () => {
        setPlaying(true);
      }),
      surfer.on('pause', () => {
        setPlaying(false);
      }),
      surfer.on('error', () => {
        setFailed(true);
      }),
      regions.on('region-clicked', (region, event) => {
        event.stopPropagation();
        callbacks.current.onMarkClick(region.id);
      }),
    ];
    return () => {
      subscriptions.forEach((unsubscribe) => {
        unsubscribe();
      });
      surfer.destroy();
      surferRef.current = null;
      regionsRef.current = null;
    };
  }, [url, durationSec]);

  useEffect(() => {
    const regions = regionsRef.current;
    if (regions === null || duration === 0) {
      return;
    }
    regions.clearRegions();
    for (const mark of marks) {
      regions.addRegion({
        id: mark.key,
        start: mark.startSec,
        end: Math.min(duration, Math.max(mark.endSec, mark.startSec + 1)),
        color: REGION_FILL[mark.severity],
        drag: false,
        resize: false,
      });
    }
  }, [marks, duration]);

  useEffect(() => {
    surferRef.current?.setPlaybackRate(Number(rate));
  }, [rate]);

  // Reviewers listen with the keyboard: space plays or pauses, arrows jump 5 seconds. Typing in a
  // comment field is left alone (useHotkeys ignores inputs and text areas).
  useHotkeys([
    ['space', () => void surferRef.current?.playPause().catch(() => undefined)],
    ['ArrowLeft', () => surferRef.current?.skip(-5)],
    ['ArrowRight', () => surferRef.current?.skip(5)],
  ]);

  useImperativeHandle(ref, () => ({
    playFrom: (seconds: number) => {
      const surfer = surferRef.current;
      const media = audioRef.current;
      if (surfer === null || media === null) {
        return;
      }
      // Start a little before the fragment so the listener hears what led to it.
      const target = Math.max(0, seconds - 1);
      surfer.setTime(target);
      void surfer.play().catch(() => undefined);
    },
  }));

  return (
    <Paper withBorder p="sm" data-testid="call-player" data-current-time={time.toFixed(2)}>
      {/* The media element is in the page so the time can be read by assistive tools and tests. */}
      <audio ref={audioRef} preload="auto" hidden />
      {failed ? (
        <Alert color="orange" title="Запись не воспроизводится">
          Браузер не смог открыть запись этого звонка. Скачайте её по ссылке и прослушайте в плеере:{' '}
          <a href={url} download>
            скачать запись
          </a>
          .
        </Alert>
      ) : (
        <Group gap="sm" wrap="nowrap" align="center">
          <Group gap={4} wrap="nowrap">
            <Tooltip label="Назад на 5 секунд">
              <ActionIcon variant="subtle" size="lg" aria-label="Назад на 5 секунд" onClick={() => surferRef.current?.skip(-5)}>
                <IconRewindBackward5 size={20} />
              </ActionIcon>
            </Tooltip>
            <ActionIcon
              size={42}
              radius="xl"
              aria-label={playing ? 'Пауза' : 'Слушать'}
              onClick={() => void surferRef.current?.playPause().catch(() => undefined)}
            >
              {playing ? <IconPlayerPauseFilled size={20} /> : <IconPlayerPlayFilled size={20} />}
            </ActionIcon>
            <Tooltip label="Вперёд на 5 секунд">
              <ActionIcon variant="subtle" size="lg" aria-label="Вперёд на 5 секунд" onClick={() => surferRef.current?.skip(5)}>
                <IconRewindForward5 size={20} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <Box ref={containerRef} flex={1} style={{ minWidth: 0, cursor: 'pointer' }} aria-label="Волновая форма записи" />
          <Text size="sm" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }} aria-label="Позиция воспроизведения">
            {formatClock(time)} / {formatClock(duration)}
          </Text>
          <Tooltip label="Пробел — слушать или пауза, стрелки — на 5 секунд назад или вперёд">
            <SegmentedControl size="xs" data={RATES.map((value) => ({ value, label: `${value.replace('.', ',')}×` }))} value={rate} onChange={setRate} aria-label="Скорость" />
          </Tooltip>
        </Group>
      )}
      {marks.length > 0 && !failed && (
        <Group gap="md" mt={6} ml={150}>
          {(['critical', 'major', 'minor'] as const).map((severity) =>
            marks.some((mark) => mark.severity === severity) ? (
              <Group key={severity} gap={4}>
                <Box w={10} h={10} bg={`${SEVERITY_COLORS[severity]}.5`} style={{ borderRadius: 2 }} />
                <Text size="xs" c="dimmed">
                  {SEVERITY_LEGEND[severity]}
                </Text>
              </Group>
            ) : null,
          )}
        </Group>
      )}
    </Paper>
  );
}

/** Without a recording: the call's length with findings placed on it, to jump through the transcript. */
export function CallTimeline({ durationSec, marks, onMarkClick }: { durationSec: number; marks: readonly TimelineMark[]; onMarkClick: (key: string) => void }) {
  return (
    <Paper withBorder p="sm">
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          Записи нет — находки на шкале разговора
        </Text>
        <Box pos="relative" h={22} flex={1} bg="gray.1" style={{ borderRadius: 4 }} aria-label="Шкала разговора">
          {marks.map((mark) => (
            <Tooltip key={mark.key} label={`${formatClock(mark.startSec)} · ${mark.title}`}>
              <Box
                component="button"
                type="button"
                aria-label={`${mark.title}, ${formatClock(mark.startSec)}`}
                onClick={() => {
                  onMarkClick(mark.key);
                }}
                pos="absolute"
                top={2}
                h={18}
                w={8}
                bg={`${SEVERITY_COLORS[mark.severity]}.6`}
                style={{ left: `calc(${String((mark.startSec / Math.max(durationSec, 1)) * 100)}% - 4px)`, border: 0, borderRadius: 3, cursor: 'pointer' }}
              />
            </Tooltip>
          ))}
        </Box>
        <Text size="sm" ff="monospace" c="dimmed">
          {formatClock(durationSec)}
        </Text>
      </Group>
    </Paper>
  );
}
