import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { errorMessage } from '../../api/http-client.ts';
import { RESULT_TITLES, SEVERITY_TITLES } from '../../components/labels.ts';
import type { CriterionResult, Severity } from '../../components/labels.ts';
import { CommentField } from './comment-field.tsx';
import { COMMENT_MAX_LENGTH, commentError } from './comment-limit.ts';
import { ExpandableText } from './expandable-text.tsx';

/** Fields of the review dialog: a comment unless it is a plain confirmation, and a verdict or a severity where the action sets one. */
export interface ReviewDialogRequest {
  title: string;
  /** The item the action is about, shown under the title. */
  subject: string;
  submitLabel: string;
  commentLabel: string;
  commentPlaceholder: string;
  /** Error text for an empty comment, addressed to the person writing it. The default addresses a reviewer. */
  commentRequired?: string;
  /** True for a plain confirmation that takes no comment. */
  withoutComment?: boolean;
  result?: { initial: CriterionResult; label: string };
  severity?: { initial: Severity };
  danger?: boolean;
  onSubmit: (values: { comment: string; result: CriterionResult | null; severity: Severity | null }) => Promise<unknown>;
}

export function ReviewDialog({ request, onClose }: { request: ReviewDialogRequest | null; onClose: () => void }) {
  return (
    <Modal opened={request !== null} onClose={onClose} title={request?.title} size="lg" centered>
      {request !== null && <ReviewDialogForm key={request.title + request.subject} request={request} onClose={onClose} />}
    </Modal>
  );
}

function ReviewDialogForm({ request, onClose }: { request: ReviewDialogRequest; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const [result, setResult] = useState<CriterionResult | null>(request.result?.initial ?? null);
  const [severity, setSeverity] = useState<Severity | null>(request.severity?.initial ?? null);
  const [touched, setTouched] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const withComment = request.withoutComment !== true;
  const problem = withComment ? commentError(comment, request.commentRequired ?? 'Добавьте комментарий: его увидят менеджер и коллеги') : null;
  // Going over the limit shows at once; an empty comment only after a try to save.
  const shownProblem = touched || comment.trim().length > COMMENT_MAX_LENGTH ? problem : null;

  const submit = async () => {
    setTouched(true);
    if (problem !== null) {
      return;
    }
    setPending(true);
    setError(null);
    try {
      await request.onSubmit({ comment: comment.trim(), result, severity });
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };

  return (
    <Stack gap="md">
      <ExpandableText size="sm" c="dimmed" text={request.subject} />
      {request.result !== undefined && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {request.result.label}
          </Text>
          <SegmentedControl
            fullWidth
            value={result ?? request.result.initial}
            onChange={(value) => {
              setResult(value);
            }}
            data={(['passed', 'failed', 'not_applicable'] as const).map((value) => ({ value, label: RESULT_TITLES[value] }))}
          />
        </Stack>
      )}
      {request.severity !== undefined && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Важность
          </Text>
          <SegmentedControl
            fullWidth
            value={severity ?? request.severity.initial}
            onChange={(value) => {
              setSeverity(value);
            }}
            data={(['critical', 'major', 'minor'] as const).map((value) => ({ value, label: SEVERITY_TITLES[value] }))}
          />
        </Stack>
      )}
      {withComment && (
        <CommentField label={request.commentLabel} placeholder={request.commentPlaceholder} minRows={3} value={comment} onChange={setComment} error={shownProblem} autoFocus />
      )}
      {error !== null && (
        <Alert color="red" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button color={request.danger === true ? 'red' : 'brand'} loading={pending} onClick={() => void submit()}>
          {request.submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
