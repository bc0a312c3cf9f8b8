import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export type InputKind = 'audio' | 'transcript';

export interface InputFile {
  path: string;
  kind: InputKind;
}

export interface CollectedInputs {
  files: InputFile[];
  /** Paths given by the user that could not be read, with a Russian reason. */
  missing: { path: string; message: string }[];
}

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
      const resolved = path.resolve(file);
      if (!seen.has(resolved)) {
        seen.add(resolved);
        files.push({ path: file, kind: inputKindOf(file) });
      }
    }
  }
  return { files, missing };
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
