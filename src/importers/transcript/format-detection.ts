import { channelTaggedJsonImporter } from './channel-tagged-json.importer.ts';
import { channelTaggedTextImporter } from './channel-tagged.importer.ts';
import type { JsonImporter, TextImporter, TranscriptImporter } from './import-types.ts';
import { labeledTextImporter } from './labeled-text.importer.ts';
import type { TranscriptFormatId } from './transcript-formats.ts';

// Detection tries importers in this order and takes the first that matches, so the most specific
// shapes come first and the loose ones (labelled text, a generic call export) last.
const TEXT_IMPORTERS: readonly TextImporter[] = [channelTaggedTextImporter, labeledTextImporter];

const JSON_IMPORTERS: readonly JsonImporter[] = [channelTaggedJsonImporter];

const ALL_IMPORTERS: readonly TranscriptImporter[] = [...TEXT_IMPORTERS, ...JSON_IMPORTERS];

/** The importer of a format id. */
export function importerFor(format: TranscriptFormatId): TranscriptImporter {
  const importer = ALL_IMPORTERS.find((candidate) => candidate.format === format);
  if (importer === undefined) {
    throw new Error(`No importer is registered for transcript format ${format}`);
  }
  return importer;
}

/** The first text importer whose format the text has, or null. */
export function detectTextImporter(text: string): TextImporter | null {
  return TEXT_IMPORTERS.find((importer) => importer.matches(text)) ?? null;
}

/** The first JSON importer whose shape the parsed value has, or null. */
export function detectJsonImporter(value: unknown): JsonImporter | null {
  return JSON_IMPORTERS.find((importer) => importer.matches(value)) ?? null;
}
