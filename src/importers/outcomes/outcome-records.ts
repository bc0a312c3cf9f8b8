import type { Currency } from '../shared/money-amount.ts';
import type { RowRejection } from '../shared/table.ts';
import type { TextEncoding } from '../shared/text-encoding.ts';

/** NPS group of a score: 9–10 promoters, 7–8 passives, 0–6 detractors. */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/** One answer to the «would you recommend us» survey. */
export interface NpsAnswer {
  /** 0–10. */
  score: number;
  category: NpsCategory;
  comment: string | null;
  /** ISO 8601 with offset, or `YYYY-MM-DD` when the survey gives only a date. */
  answeredAt: string;
  /** E.164, or null when only a client id is given. */
  clientPhone: string | null;
  clientId: string | null;
  row: number;
}

export type DealStatus = 'won' | 'lost' | 'open';

/** A deal, order or purchase from the CRM. */
export interface Deal {
  externalId: string | null;
  /** ISO 8601 with offset, or `YYYY-MM-DD` when the export gives only a date. */
  date: string;
  /** In the currency's main unit (roubles), kopecks as the fraction; null when the export has no sum. */
  amount: number | null;
  currency: Currency | null;
  clientPhone: string | null;
  clientId: string | null;
  /** Null when the export has no status column. */
  status: DealStatus | null;
  /** The stage or status as the CRM wrote it. */
  sourceStatus: string | null;
  manager: string | null;
  row: number;
}

export interface OutcomeImportResult<T> {
  records: T[];
  rejected: RowRejection[];
  warnings: string[];
  /** Text encoding of a CSV file, or `xlsx` for a workbook. */
  encoding: TextEncoding | 'xlsx';
}
