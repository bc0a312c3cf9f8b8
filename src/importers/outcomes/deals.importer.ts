import path from 'node:path';

import { foldValue } from '../shared/cell-text.ts';
import { parseMoneyAmount } from '../shared/money-amount.ts';
import { readTableFile } from '../shared/table-file.ts';
import type { Deal, DealStatus, OutcomeImportResult } from './outcome-records.ts';
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

type DealColumn = 'id' | 'date' | 'amount' | 'status' | 'manager' | ClientColumn;

const DEAL_READER: OutcomeReader<DealColumn, Deal> = {
  title: 'список сделок или покупок',
  aliases: {
    ...CLIENT_ALIASES,
    id: ['id', 'id сделки', 'номер сделки', 'номер заказа', 'номер', '№', 'deal id', 'deal_id', 'order id', 'order_id'],
    date: [
      'дата', 'дата сделки', 'дата закрытия', 'дата оплаты', 'дата заказа', 'дата покупки', 'дата создания',
      'date', 'close date', 'closed_at', 'closedate', 'created_at', 'date_create', 'order date',
    ],
    amount: ['сумма', 'бюджет', 'сумма сделки', 'сумма заказа', 'стоимость', 'выручка', 'amount', 'sum', 'total', 'price', 'revenue', 'opportunity'],
    status: ['статус', 'статус сделки', 'этап', 'этап сделки', 'стадия', 'стадия сделки', 'результат', 'status', 'stage', 'stage_id', 'state'],
    manager: ['ответственный', 'менеджер', 'продавец', 'manager', 'responsible', 'assigned_by_id', 'responsible_user_id', 'owner'],
  },
  required: [['date'], ['clientPhone', 'clientId']],
  readRow: readDealRow,
};

const WON = new Set([
  'успешно реализовано', 'успешно', 'успешная', 'успех', 'выиграна', 'выиграно', 'сделка успешна', 'закрыта успешно', 'оплачен', 'оплачено',
  'оплачена', 'выполнен', 'выполнено', 'продажа', 'купил', 'won', 'win', 'success', 'successful', 'closed won', 'paid', 'completed',
]);
const LOST = new Set([
  'закрыто и не реализовано', 'не реализовано', 'проиграна', 'проиграно', 'отказ', 'отказался', 'отменен', 'отменена', 'отменено',
  'провалена', 'не купил', 'lost', 'lose', 'closed lost', 'cancelled', 'canceled', 'failed', 'refused',
]);

function statusOf(text: string): DealStatus {
  const value = foldValue(text);
  // Bitrix24 stage ids carry the pipeline: `C3:WON`, `C3:LOSE`.
  const stage = value.replace(/^c\d+:/, '');
  if (WON.has(stage)) return 'won';
  if (LOST.has(stage)) return 'lost';
  return 'open';
}

function readDealRow(row: OutcomeRow<DealColumn>, context: OutcomeContext): OutcomeRowResult<Deal> {
  const date = readOutcomeDate(row, 'date', context);
  if (!date.ok) return date;

  let amount: number | null = null;
  let currency: Deal['currency'] = null;
  const amountText = row.get('amount');
  if (amountText !== '') {
    const parsed = parseMoneyAmount(amountText);
    if (!parsed.ok) return row.reject('amount', parsed.message);
    amount = parsed.amount;
    currency = parsed.currency ?? 'RUB';
  }
  const client = readClient(row, context);
  if (!client.ok) return client;

  const statusText = row.get('status');
  let status: DealStatus | null = null;
  if (row.has('status')) status = statusText === '' ? 'open' : statusOf(statusText);
  return {
    ok: true,
    record: {
      externalId: row.get('id') || null,
      date: date.value,
      amount,
      currency,
      clientPhone: client.clientPhone,
      clientId: client.clientId,
      status,
      sourceStatus: statusText || null,
      manager: row.get('manager') || null,
      row: row.row.number,
    },
    notes: client.notes,
  };
}

/** Imports deals or purchases from a CRM export (CSV or XLSX): date, amount, client, won or lost. */
export async function importDealsFile(filePath: string, options: OutcomeImportOptions = {}): Promise<OutcomeImportResult<Deal>> {
  const table = await readTableFile(filePath, {
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
  });
  return importOutcomeTable(table, path.basename(filePath), DEAL_READER, options);
}
