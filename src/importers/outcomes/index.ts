export type { Deal, DealStatus, NpsAnswer, NpsCategory, OutcomeImportResult } from './outcome-records.ts';
export type { OutcomeImportOptions } from './outcome-table.ts';
export { importNpsFile } from './nps.importer.ts';
export { importDealsFile } from './deals.importer.ts';
