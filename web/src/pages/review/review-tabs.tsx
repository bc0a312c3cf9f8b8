import { Badge, ScrollArea, Stack, Tabs, Text } from '@mantine/core';

import type { CallDetail } from '../../../../src/server/schemas/calls.schemas.ts';
import type { ClientHistory } from '../../api/outcomes.api.ts';
import { countOf } from '../../format/russian-format.ts';
import { ClientContacts } from './client-contacts.tsx';
import { CriteriaPanel } from './criteria-panel.tsx';
import { FindingsPanel } from './findings-panel.tsx';
import { DisputesList, HistoryPanel } from './history-panel.tsx';
import { MetricsPanel, PromisesList } from './metrics-panel.tsx';
import type { ReviewActions } from './review-actions.ts';
import type { CriterionView, Evaluation, EvidenceView, FindingView, Selection } from './review-model.ts';

const FINDING_FORMS = ['находка', 'находки', 'находок'] as const;

interface ReviewTabsProps {
  detail: CallDetail;
  evaluation: Evaluation;
  tab: string | null;
  onTabChange: (tab: string | null) => void;
  /** Height of the scrolling tab content, a CSS length. */
  height: string;
  /** True when the call has a recording, so a finding can be played; without one it shows its quote in the transcript. */
  canPlay: boolean;
  selection: Selection | null;
  /** A dispute the page was opened for, outlined in «История». */
  highlightedDisputeId: number | null;
  actions: ReviewActions;
  promiseChecks: ClientHistory['promises'];
  clientHistory: ClientHistory | null;
  onSelectFinding: (finding: FindingView) => void;
  onSelectCriterion: (criterion: CriterionView) => void;
  onShowEvidence: (evidence: readonly EvidenceView[]) => void;
}

/** Builds the line above the findings: what a click on a finding does, with or without a recording; none without findings. */
export function findingsHint(findingCount: number, canPlay: boolean): string | null {
  if (findingCount === 0) {
    return null;
  }
  const action = canPlay ? 'услышать фрагмент и увидеть цитату' : 'перейти к цитате в расшифровке';
  return `${countOf(findingCount, FINDING_FORMS)}; нажмите на находку, чтобы ${action}.`;
}

/** Shows the evaluation beside the transcript: findings, checklist verdicts, talk metrics and history. */
export function ReviewTabs(props: ReviewTabsProps) {
  const { detail, evaluation, tab, onTabChange, height, canPlay, selection, highlightedDisputeId, actions, promiseChecks, clientHistory, onSelectFinding, onSelectCriterion, onShowEvidence } = props;
  const openDisputes = detail.disputes.filter((dispute) => dispute.status === 'open').length;
  const hint = findingsHint(evaluation.findings.length, canPlay);

  return (
    <Tabs value={tab} onChange={onTabChange} keepMounted={false}>
        <Tabs.List grow>
          <Tabs.Tab value="findings">Находки · {evaluation.findings.length}</Tabs.Tab>
          <Tabs.Tab value="criteria">Чек-лист</Tabs.Tab>
          <Tabs.Tab value="talk">Разговор</Tabs.Tab>
          <Tabs.Tab value="history" rightSection={openDisputes > 0 ? <Badge size="xs" color="orange" circle>{openDisputes}</Badge> : undefined}>
            История
          </Tabs.Tab>
        </Tabs.List>
        <ScrollArea h={height} type="auto" offsetScrollbars>
          <Stack p="sm" gap="sm">
            <Tabs.Panel value="findings">
              {hint !== null && (
                <Text size="xs" c="dimmed" mb={6}>
                  {hint}
                </Text>
              )}
              <FindingsPanel
                findings={evaluation.findings}
                removed={evaluation.removedFindings}
                disputes={detail.disputes}
                selection={selection}
                actions={actions}
                canPlay={canPlay}
                onSelect={onSelectFinding}
              />
            </Tabs.Panel>
            <Tabs.Panel value="criteria">
              <CriteriaPanel criteria={evaluation.criteria} disputes={detail.disputes} selection={selection} actions={actions} onSelect={onSelectCriterion} />
            </Tabs.Panel>
            <Tabs.Panel value="talk">
              <Stack gap="lg">
                <MetricsPanel evaluation={evaluation} />
                <Stack gap={6}>
                  <Text fw={600} size="sm">
                    Обещания клиенту
                  </Text>
                  <PromisesList
                    evaluation={evaluation}
                    checks={promiseChecks}
                    onSelectTurn={(turn, startSec, quote) => {
                      onShowEvidence([{ turn, startSec, quote }]);
                    }}
                  />
                </Stack>
                <ClientContacts detail={detail} history={clientHistory} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <Stack gap="md">
                <DisputesList disputes={detail.disputes} highlightedId={highlightedDisputeId} />
                <HistoryPanel events={detail.reviewHistory} />
              </Stack>
            </Tabs.Panel>
          </Stack>
        </ScrollArea>
      </Tabs>
  );
}
