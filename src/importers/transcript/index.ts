export { parseChannelTaggedDialog } from './channel-tagged.importer.ts';
export type { ImportErrorCode, ImportFailure, ImportOptions, ImportOutcome } from './import-types.ts';
export { parseLabeledText } from './labeled-text.importer.ts';
export { isTranscriptFormatId, TRANSCRIPT_FORMATS, type TranscriptFormat, type TranscriptFormatId } from './transcript-formats.ts';
export { importTranscriptBytes, importTranscriptFile } from './transcript-import.ts';
