import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

import { decodeChunked } from 'audio-decode';
import audioType from 'audio-type';

import { fitChannels, type PcmBlocks, type PcmLayout } from './pcm-blocks.ts';
import type { RawFormat } from './raw-format.ts';
import { StreamResampler } from './stream-resampler.ts';
import { buildWavHeader } from './wav-header.ts';

/** Containers the JS/WASM decoders (audio-decode 3.12) stream. */
export type JsContainer = 'wav' | 'mp3' | 'flac' | 'oga' | 'opus' | 'aac' | 'm4a' | 'webm' | 'amr' | 'wma' | 'aiff' | 'caf';

const JS_CONTAINERS = new Set<string>(['wav', 'mp3', 'flac', 'oga', 'opus', 'aac', 'm4a', 'webm', 'amr', 'wma', 'aiff', 'caf']);
const READ_CHUNK_BYTES = 64 * 1024;
const SNIFF_BYTES = 4096;

/**
 * Detects the container from the first bytes of a file. Returns null for data no JS decoder reads
 * (text, video without a known container, headerless audio).
 */
export async function sniffJsContainer(filePath: string): Promise<JsContainer | null> {
  const handle = await open(filePath, 'r');
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    const type = audioType(head.subarray(0, bytesRead));
    return type !== undefined && JS_CONTAINERS.has(type) ? (type as JsContainer) : null;
  } finally {
    await handle.close();
  }
}

/**
 * Decodes a file with the JS/WASM decoders of audio-decode, reading it in 64 KB chunks, and resamples
 * with the Speex resampler. Headerless files get a WAV header in front so the WAV decoder reads them.
 * NOTE: audio-decode's MP4 demuxer (m4a) collects the whole file before it returns samples, so an
 * m4a file is held in memory on this path; ffmpeg streams it.
 */
export async function* decodeWithJs(
  filePath: string,
  container: JsContainer,
  rawFormat: RawFormat | null,
  layout: PcmLayout,
): PcmBlocks {
  const fileChunks = createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES });
  const source = rawFormat === null ? fileChunks : prepend(buildWavHeader(rawFormat), fileChunks);
  let resampler: StreamResampler | null = null;
  let sourceRate: number | null = null;
  try {
    for await (const data of decodeChunked(source, rawFormat === null ? container : 'wav')) {
      if (data.channelData.length === 0 || data.sampleRate <= 0) {
        continue;
      }
      if (sourceRate === null) {
        sourceRate = data.sampleRate;
        resampler = sourceRate === layout.sampleRate ? null : await StreamResampler.create(layout.channelCount, sourceRate, layout.sampleRate);
      } else if (data.sampleRate !== sourceRate) {
        throw new Error(`sample rate changed from ${String(sourceRate)} to ${String(data.sampleRate)} Hz inside the stream`);
      }
      const fitted = fitChannels(data.channelData, layout.channelCount);
      const block = resampler === null ? fitted : resampler.process(fitted);
      if ((block[0]?.length ?? 0) > 0) {
        yield block;
      }
    }
    if (resampler !== null) {
      const tail = resampler.flush();
      if ((tail[0]?.length ?? 0) > 0) {
        yield tail;
      }
    }
  } finally {
    resampler?.free();
    fileChunks.destroy();
  }
}

async function* prepend(header: Uint8Array, chunks: AsyncIterable<Buffer>): AsyncGenerator<Uint8Array> {
  yield header;
  for await (const chunk of chunks) {
    yield chunk;
  }
}
