import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export type InputKind = 'audio' | 'transcript';

export interface InputFile {
  path: string;
  kind: InputKind;
}

export interface CollectedInputs {
  files: InputFile[];
  /** Files met while walking folders that are neither recordings nor transcripts (README.md, spreadsheets). */
  skipped: string[];
  /** Paths given by the user that could not be read, with a Russian reason. */
  missing: { path: string; message: string }[];
}

// Inside folders only files with these extensions are read; a file named on the command line is
// always tried, whatever its extension, because format detection looks at the content.
const TRANSCRIPT_EXTENSIONS = new Set(['.txt', '.text', '.json', '.ndjson', '.jsonl', '.srt', '.vtt', '.webvtt', '.dialog', '.dialogue', '']);

const AUDIO_EXTENSIONS = new Set(['.wav', '.mp3', '.ogg', '.opus', '.oga', '.flac', '.m4a', '.aac', '.mp4', '.wma', '.amr', '.al', '.alaw', '.ul', '.ulaw', '.mulaw', '.s16', '.raw', '.pcm', '.gsm', '.webm']);

/** Sidecar files carry metadata of the call next to them; they are read with their call, not on their own. */
export const SIDECAR_SUFFIX = '.meta.json';

export function inputKindOf(filePath: string): InputKind {
  return AUDIO_EXTENSIONS.has(path.extname(filePath).toLowerCase()) ? 'audio' : 'transcript';
}

/**
 * Expands the paths given on the command line into the files to analyse: folders recursively, in a
 * stable order so that two runs report the same sequence. Hidden files and sidecars are skipped.
 */
export async function collectInputFiles(paths: readonly string[]): Promise<CollectedInputs> {
  const files: InputFile[] = [];
  const missing: CollectedInputs['missing'] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();

  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch {
      missing.push({ path: given, message: 'файл или папка не найдены' });
      continue;
    }
    const found = info.isDirectory() ? await walk(given) : [given];
    for (const file of found) {
      if (info.isDirectory() && !isCallFile(file)) {
        skipped.push(file);
        continue;
      }
      const resolved = path.resolve(file);
      if (!seen.has(resolved)) {
        seen.add(resolved);
        files.push({ path: file, kind: inputKindOf(file) });
      }
    }
  }
  return { files, missing, skipped };
}

function isCallFile(filePath: string): boolean {
  const extension = path.extname(filePath).toLowerCase();
  return AUDIO_EXTENSIONS.has(extension) || TRANSCRIPT_EXTENSIONS.has(extension);
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') {
      continue;
    }
    const child = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await walk(child)));
    } else if (entry.isFile() && !entry.name.toLowerCase().endsWith(SIDECAR_SUFFIX)) {
      files.push(child);
    }
  }
  return files;
}
