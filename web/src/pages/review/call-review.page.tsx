import { Grid, Paper, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';

import type { CallDetail } from '../../../../src/server/schemas/calls.schemas.ts';
import { useCall } from '../../api/calls.api.ts';
import { useClientHistory } from '../../api/outcomes.api.ts';
import { can, useSession } from '../../auth/session-context.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { AddFindingDialog } from './add-finding-dialog.tsx';
import { CallHeader } from './call-header.tsx';
import { CallPlayer, CallTimeline } from './call-player.tsx';
import type { PlayerHandle, TimelineMark } from './call-player.tsx';
import { useReviewActions } from './review-actions.ts';
import { ReviewDialog } from './review-dialog.tsx';
import { findingEvidence, quotesByTurn } from './review-model.ts';
import type { CriterionView, EvidenceView, FindingView, Selection } from './review-model.ts';
import { ReviewTabs } from './review-tabs.tsx';
import { TranscriptView } from './transcript-view.tsx';
import type { TranscriptFocus, TurnMarker } from './transcript-view.tsx';

export function CallReviewPage() {
  const { callId = '' } = useParams();
  const call = useCall(callId);

  if (call.isPending) {
    return <LoadingState rows={12} />;
  }
  if (call.isError) {
    return <ErrorState error={call.error} onRetry={() => void call.refetch()} />;
  }
  return <CallReview detail={call.data} />;
}

/** Where a link to a dispute (`?dispute=ID`) lands on the call page. */
interface DisputeLanding {
  disputeId: number;
  tab: 'findings' | 'criteria' | 'history';
  /** The disputed item, selected with its evidence shown; null when the landing is the dispute's history entry. */
  selection: Selection | null;
  evidence: readonly EvidenceView[];
}

/**
 * Finds where a dispute link leads: an open dispute to its criterion or finding, where the reviewer
 * decides it; a closed one, or one whose finding is gone, to its entry with the reply in «История».
 */
function disputeLanding(detail: CallDetail, param: string | null): DisputeLanding | null {
  const dispute = param === null ? undefined : detail.disputes.find((item) => String(item.id) === param);
  if (dispute === undefined) {
    return null;
  }
  const history: DisputeLanding = { disputeId: dispute.id, tab: 'history', selection: null, evidence: [] };
  if (dispute.status !== 'open') {
    return history;
  }
  const { target } = dispute;
  if (target.type === 'criterion') {
    const criterion = detail.evaluation?.criteria.find((item) => item.id === target.criterionId);
    return criterion === undefined ? history : { disputeId: dispute.id, tab: 'criteria', selection: { type: 'criterion', id: criterion.id }, evidence: criterion.evidence };
  }
  const finding = detail.evaluation?.findings.find((item) => item.key === target.findingKey);
  return finding === undefined ? history : { disputeId: dispute.id, tab: 'findings', selection: { type: 'finding', key: finding.key }, evidence: findingEvidence(finding) };
}

/** Returns the test id of the element a dispute landing scrolls to. */
function landingTestId(landing: DisputeLanding): string {
  if (landing.selection === null) {
    return `dispute-state-${String(landing.disputeId)}`;
  }
  return landing.selection.type === 'criterion' ? `criterion-${landing.selection.id}` : `finding-${landing.selection.key}`;
}

/** Returns the turn heard at `seconds`: the last one that started by then. */
function turnAt(turns: CallDetail['turns'], seconds: number): number | null {
  let found: number | null = null;
  for (const turn of turns) {
    if (turn.startSec !== null && turn.startSec <= seconds + 0.05) {
      found = turn.index;
    }
  }
  return found;
}

function CallReview({ detail }: { detail: CallDetail }) {
  const { session } = useSession();
  const role = session.user.role;
  const [params] = useSearchParams();
  const player = useRef<PlayerHandle>(null);
  const evaluation = detail.evaluation;
  const { call, turns } = detail;
  const audioUrl = detail.audio.available ? detail.audio.url : null;

  const initialTurn = Number(params.get('turn'));
  // Read once: the page opens on the disputed item, and later clicks move freely.
  const [landing] = useState(() => disputeLanding(detail, params.get('dispute')));
  const [selection, setSelection] = useState<Selection | null>(landing?.selection ?? null);
  const [focus, setFocus] = useState<TranscriptFocus | null>(() => {
    const first = landing?.evidence[0];
    if (landing !== null && first !== undefined) {
      return { turn: first.turn, quotes: quotesByTurn(landing.evidence) };
    }
    return Number.isInteger(initialTurn) && params.has('turn') ? { turn: initialTurn, quotes: new Map() } : null;
  });
  const [playingTurn, setPlayingTurn] = useState<number | null>(null);
  const [tab, setTab] = useState<string | null>(landing?.tab ?? 'findings');

  useEffect(() => {
    if (landing !== null) {
      document.querySelector(`[data-testid="${landingTestId(landing)}"]`)?.scrollIntoView({ block: 'center' });
    }
  }, [landing]);
  const [addingFinding, setAddingFinding] = useState(false);

  const clientHistory = useClientHistory(call.id);
  const { actions, dialog, setDialog } = useReviewActions(call.id, {
    canReview: can(role, 'review'),
    canDispute: role === 'manager',
    onAddFinding: () => {
      setAddingFinding(true);
    },
  });

  const showEvidence = useCallback(
    (evidence: readonly EvidenceView[]) => {
      const first = evidence[0];
      if (first === undefined) {
        return;
      }
      setFocus({ turn: first.turn, quotes: quotesByTurn(evidence) });
      const startSec = first.startSec ?? turns.find((turn) => turn.index === first.turn)?.startSec ?? null;
      if (startSec !== null) {
        player.current?.playFrom(startSec);
      }
    },
    [turns],
  );

  const selectFinding = useCallback(
    (finding: FindingView) => {
      setSelection({ type: 'finding', key: finding.key });
      setTab('findings');
      showEvidence(findingEvidence(finding));
    },
    [showEvidence],
  );

  const selectCriterion = (criterion: CriterionView) => {
    setSelection({ type: 'criterion', id: criterion.id });
    if (criterion.evidence.length > 0) {
      showEvidence(criterion.evidence);
    } else {
      setFocus(null);
    }
  };

  const selectFindingByKey = useCallback(
    (key: string) => {
      const finding = evaluation?.findings.find((item) => item.key === key);
      if (finding !== undefined) {
        selectFinding(finding);
      }
    },
    [evaluation, selectFinding],
  );

  const marks = useMemo<TimelineMark[]>(
    () =>
      (evaluation?.findings ?? []).flatMap((finding) => {
        const turn = turns.find((item) => item.index === finding.turn);
        const startSec = finding.startSec ?? turn?.startSec ?? null;
        return startSec === null ? [] : [{ key: finding.key, title: finding.title, severity: finding.severity, startSec, endSec: turn?.endSec ?? startSec + 2 }];
      }),
    [evaluation, turns],
  );

  const markers = useMemo(() => {
    const map = new Map<number, TurnMarker[]>();
    for (const finding of evaluation?.findings ?? []) {
      map.set(finding.turn, [...(map.get(finding.turn) ?? []), { key: finding.key, title: finding.title, severity: finding.severity }]);
    }
    return map;
  }, [evaluation]);

  const onTime = useCallback(
    (seconds: number) => {
      setPlayingTurn(turnAt(turns, seconds));
    },
    [turns],
  );

  const linkedStart = focus === null ? null : (turns.find((turn) => turn.index === focus.turn)?.startSec ?? null);
  const callEnd = call.durationSec ?? turns.reduce((end, turn) => Math.max(end, turn.endSec ?? turn.startSec ?? 0), 0);

  return (
    <Stack gap="sm">
      <CallHeader detail={detail} callEnd={callEnd} canSwapRoles={actions.canReview} onSwapRoles={actions.swapRoles} />

      {call.warnings.length > 0 && (
        <Paper withBorder p="xs" bg="yellow.0">
          {call.warnings.map((warning) => (
            <Text key={warning.code} size="sm">
              {warning.message}
            </Text>
          ))}
        </Paper>
      )}

      {audioUrl !== null ? (
        <CallPlayer ref={player} url={audioUrl} marks={marks} onMarkClick={selectFindingByKey} onTime={onTime} startAt={linkedStart} durationSec={detail.audio.durationSec} />
      ) : (
        marks.length > 0 && <CallTimeline durationSec={callEnd} marks={marks} onMarkClick={selectFindingByKey} />
      )}

      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <TranscriptView
            turns={turns}
            managerName={call.manager?.name ?? null}
            clientName={call.client?.name ?? null}
            focus={focus}
            playingTurn={playingTurn}
            markers={markers}
            canPlay={audioUrl !== null}
            onPlayTurn={(turn) => {
              setFocus({ turn: turn.index, quotes: new Map() });
              if (turn.startSec !== null) {
                player.current?.playFrom(turn.startSec + 1);
              }
            }}
            onMarkerClick={selectFindingByKey}
            height={audioUrl === null ? 'calc(100vh - 165px)' : 'calc(100vh - 300px)'}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder>
            {evaluation === null ? (
              <EmptyState title="Звонок не оценён">Оценка появится после анализа: okk analyze или повторная оценка на странице «Чек-листы».</EmptyState>
            ) : (
              <ReviewTabs
                detail={detail}
                evaluation={evaluation}
                tab={tab}
                onTabChange={setTab}
                height={audioUrl === null ? 'calc(100vh - 162px)' : 'calc(100vh - 297px)'}
                canPlay={audioUrl !== null}
                selection={selection}
                actions={actions}
                highlightedDisputeId={landing?.selection === null ? landing.disputeId : null}
                promiseChecks={clientHistory.data?.promises ?? []}
                clientHistory={clientHistory.data ?? null}
                onSelectFinding={selectFinding}
                onSelectCriterion={selectCriterion}
                onShowEvidence={showEvidence}
              />
            )}
          </Paper>
        </Grid.Col>
      </Grid>

      <ReviewDialog
        request={dialog}
        onClose={() => {
          setDialog(null);
        }}
      />
      <AddFindingDialog
        callId={call.id}
        opened={addingFinding}
        turnCount={turns.length}
        initialTurn={focus?.turn ?? 0}
        onClose={() => {
          setAddingFinding(false);
        }}
      />
    </Stack>
  );
}
