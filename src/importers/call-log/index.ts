export type { CallLogDirection, CallLogFormat, CallLogImportResult, CallLogRecord, CallLogStatus } from './call-log-record.ts';
export { CALL_LOG_FORMATS } from './call-log-record.ts';
export { type CallLogImportOptions, importCallLogBytes, importCallLogFile, importCallLogTable } from './call-log.importer.ts';
export { parseMangoEvent, type MangoEventOptions, type MangoEventResult } from './mango-webhook/mango-webhook.ts';
export type { MangoEvent, MangoEventKind } from './mango-webhook/mango-event.parser.ts';
export { applyMangoCallEvent, applyMangoRecording, applyMangoSummary, mangoCallRecord, type MangoCallState } from './mango-webhook/mango-call-state.ts';
export { readMangoWebhookForm, signMango, verifyMangoSignature, type MangoCredentials, type MangoWebhookForm } from './mango-webhook/mango-signature.ts';
