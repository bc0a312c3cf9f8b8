import path from 'node:path';

/** Sample encodings of headerless telephony audio. */
export type RawEncoding = 'alaw' | 'ulaw' | 's16le';

/** How to read a headerless file: its encoding, sample rate and channel count. */
export interface RawFormat {
  encoding: RawEncoding;
  sampleRate: number;
  channels: 1 | 2;
}

export type RawFormatResult = { ok: true; format: RawFormat } | { ok: false; message: string };

const ENCODING_NAMES: Record<string, RawEncoding> = {
  alaw: 'alaw',
  'a-law': 'alaw',
  pcma: 'alaw',
  ulaw: 'ulaw',
  mulaw: 'ulaw',
  'mu-law': 'ulaw',
  'µ-law': 'ulaw',
  pcmu: 'ulaw',
  s16: 's16le',
  s16le: 's16le',
};

export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 48000;

/**
 * Parses a raw format written as `ENCODING:RATE[:CHANNELS]`, e.g. `alaw:8000:1` or `s16:16000`.
 * Messages are Russian because the value comes from the user's settings or command line.
 */
export function parseRawFormat(spec: string): RawFormatResult {
  const parts = spec.trim().toLowerCase().split(':');
  const [encodingName, rateText, channelsText = '1'] = parts;
  const example = 'Пример: alaw:8000:1, ulaw:8000:1 или s16:16000:1.';
  if (parts.length < 2 || parts.length > 3 || encodingName === undefined || rateText === undefined) {
    return { ok: false, message: `Неверный формат raw-аудио «${spec}»: ожидается КОДИРОВКА:ЧАСТОТА[:КАНАЛЫ]. ${example}` };
  }
  const encoding = ENCODING_NAMES[encodingName];
  if (encoding === undefined) {
    return { ok: false, message: `Неизвестная кодировка raw-аудио «${encodingName}»: поддерживаются alaw, ulaw и s16. ${example}` };
  }
  const sampleRate = Number(rateText);
  if (!Number.isInteger(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    return { ok: false, message: `Неверная частота дискретизации «${rateText}» в формате raw-аудио: нужно целое число от 8000 до 48000 Гц.` };
  }
  const channels = Number(channelsText);
  if (channels !== 1 && channels !== 2) {
    return { ok: false, message: `Неверное число каналов «${channelsText}» в формате raw-аудио: поддерживаются 1 и 2.` };
  }
  return { ok: true, format: { encoding, sampleRate, channels } };
}

/**
 * Raw format implied by a telephony file extension. G.711 files (`.al`, `.ul`) are taken as 8 kHz mono,
 * the rate of telephone lines; `.s16`, `.raw` and `.pcm` carry no such convention and need `rawFormat`.
 */
export function rawFormatForExtension(filePath: string): RawFormat | null {
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.al' || extension === '.alaw') {
    return { encoding: 'alaw', sampleRate: 8000, channels: 1 };
  }
  if (extension === '.ul' || extension === '.ulaw' || extension === '.mulaw' || extension === '.mu') {
    return { encoding: 'ulaw', sampleRate: 8000, channels: 1 };
  }
  return null;
}

/** Extensions of headerless audio whose format the file itself cannot tell. */
export function needsExplicitRawFormat(filePath: string): boolean {
  return ['.s16', '.raw', '.pcm', '.sln'].includes(path.extname(filePath).toLowerCase());
}

/** Bytes one sample frame takes in the raw encoding. */
export function rawFrameBytes(format: RawFormat): number {
  return (format.encoding === 's16le' ? 2 : 1) * format.channels;
}
