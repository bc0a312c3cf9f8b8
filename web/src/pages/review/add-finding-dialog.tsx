import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';

import type { FindingAddRequest } from '../../../../src/server/schemas/reviews.schemas.ts';
import { useAddFinding } from '../../api/calls.api.ts';
import { useReference } from '../../api/directory.api.ts';
import { errorMessage } from '../../api/http-client.ts';
import { CommentField } from './comment-field.tsx';
import { COMMENT_MAX_LENGTH, commentError } from './comment-limit.ts';

interface AddFindingDialogProps {
  callId: string;
  opened: boolean;
  turnCount: number;
  initialTurn: number;
  onClose: () => void;
}

/** Adds a finding the engine missed, at a turn of the call. */
export function AddFindingDialog({ callId, opened, turnCount, initialTurn, onClose }: AddFindingDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Добавить находку" size="lg" centered>
      {opened && <AddFindingForm callId={callId} turnCount={turnCount} initialTurn={initialTurn} onClose={onClose} />}
    </Modal>
  );
}

function AddFindingForm({ callId, turnCount, initialTurn, onClose }: Omit<AddFindingDialogProps, 'opened'>) {
  const reference = useReference();
  const add = useAddFinding(callId);
  const [kind, setKind] = useState<FindingAddRequest['kind'] | null>(null);
  const [turn, setTurn] = useState(initialTurn + 1);
  const [quote, setQuote] = useState('');
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);

  const problem = commentError(comment, 'Добавьте комментарий: его увидят менеджер и коллеги');

  const submit = () => {
    setTouched(true);
    if (kind === null || problem !== null) {
      return;
    }
    const trimmedQuote = quote.trim();
    add.mutate({ kind, turn: turn - 1, comment: comment.trim(), ...(trimmedQuote === '' ? {} : { quote: trimmedQuote }) }, { onSuccess: onClose });
  };

  return (
    <Stack gap="md">
      <Select
        label="Что не так"
        placeholder="Выберите вид находки"
        data={(reference.data?.findingKinds ?? []).map((item) => ({ value: item.id, label: item.title }))}
        value={kind}
        onChange={(value) => {
          setKind(value);
        }}
        error={touched && kind === null ? 'Выберите вид находки' : undefined}
        searchable
      />
      <NumberInput label="Номер реплики" min={1} max={turnCount} value={turn} onChange={(value) => {
        setTurn(typeof value === 'number' ? value : 1);
      }} />
      <TextInput label="Цитата" description="Слова из реплики; без цитаты находка покажет всю реплику" value={quote} onChange={(event) => {
        setQuote(event.currentTarget.value);
      }} />
      <CommentField label="Комментарий" minRows={2} value={comment} onChange={setComment} error={touched || comment.trim().length > COMMENT_MAX_LENGTH ? problem : null} />
      {add.isError && <Alert color="red">{errorMessage(add.error)}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button loading={add.isPending} onClick={submit}>
          Добавить
        </Button>
      </Group>
    </Stack>
  );
}
