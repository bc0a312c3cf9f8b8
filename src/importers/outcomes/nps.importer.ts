import path from 'node:path';

import { readTableFile } from '../shared/table-file.ts';
import type { NpsAnswer, NpsCategory, OutcomeImportResult } from './outcome-records.ts';
import {
  CLIENT_ALIASES,
  type ClientColumn,
  importOutcomeTable,
  type OutcomeContext,
  type OutcomeImportOptions,
  type OutcomeReader,
  type OutcomeRow,
  type OutcomeRowResult,
  readClient,
  readOutcomeDate,
} from './outcome-table.ts';

type NpsColumn = 'score' | 'comment' | 'answeredAt' | ClientColumn;

const NPS_READER: OutcomeReader<NpsColumn, NpsAnswer> = {
  title: 'ответы опроса NPS',
  aliases: {
    ...CLIENT_ALIASES,
    score: [
      'оценка', 'балл', 'nps', 'оценка nps', 'score', 'nps score', 'rating',
      // Survey tools head the column with the question itself.
      'насколько вероятно*', 'с какой вероятностью*', 'how likely*',
    ],
    comment: ['комментарий', 'отзыв', 'причина', 'причина оценки', 'почему*', 'что*', 'comment', 'feedback', 'reason', 'why*'],
    answeredAt: ['дата', 'дата ответа', 'дата опроса', 'время ответа', 'отметка времени', 'date', 'answered at', 'answered_at', 'submitted at', 'timestamp', 'created_at'],
  },
  required: [['score'], ['answeredAt'], ['clientPhone', 'clientId']],
  readRow: readNpsRow,
};

function readNpsRow(row: OutcomeRow<NpsColumn>, context: OutcomeContext): OutcomeRowResult<NpsAnswer> {
  const scoreText = row.get('score');
  if (scoreText === '') return row.reject('score', 'оценка не указана');
  const score = Number(scoreText.replace(',', '.'));
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    return row.reject('score', `оценка NPS должна быть целым числом от 0 до 10, а указано «${scoreText}»`);
  }
  const answeredAt = readOutcomeDate(row, 'answeredAt', context);
  if (!answeredAt.ok) return answeredAt;
  const client = readClient(row, context);
  if (!client.ok) return client;

  return {
    ok: true,
    record: {
      score,
      category: categoryOf(score),
      comment: row.get('comment') || null,
      answeredAt: answeredAt.value,
      clientPhone: client.clientPhone,
      clientId: client.clientId,
      row: row.row.number,
    },
    notes: client.notes,
  };
}

export function categoryOf(score: number): NpsCategory {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** Imports NPS survey answers from a CSV or XLSX export, Russian or English headers. */
export async function importNpsFile(filePath: string, options: OutcomeImportOptions = {}): Promise<OutcomeImportResult<NpsAnswer>> {
  const table = await readTableFile(filePath, {
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
  });
  return importOutcomeTable(table, path.basename(filePath), NPS_READER, options);
}
