import { open } from 'node:fs/promises';

import { openAudioSource, type DecoderChoice } from '../audio-source.ts';

/** Decoded audio held whole in memory: for tests and fixtures only. */
export interface PcmAudio {
  sampleRate: number;
  channels: Float32Array[];
}

/** Decodes a whole file into memory at the given rate, keeping up to two channels apart. */
export async function readPcm(filePath: string, sampleRate: 8000 | 16000, decoder: DecoderChoice = 'js'): Promise<PcmAudio> {
  const opened = await openAudioSource(filePath, { rawFormat: null, decoder, sampleRate });
  if (!opened.ok) {
    throw new Error(opened.error.message);
  }
  const blocks: Float32Array[][] = [];
  for await (const block of opened.source.decode({ messages: [] })) {
    blocks.push(block);
  }
  const channelCount = opened.source.layout.channelCount;
  const length = blocks.reduce((sum, block) => sum + (block[0]?.length ?? 0), 0);
  const channels = Array.from({ length: channelCount }, () => new Float32Array(length));
  let offset = 0;
  for (const block of blocks) {
    channels.forEach((channel, index) => {
      channel.set(block[index] ?? new Float32Array(0), offset);
    });
    offset += block[0]?.length ?? 0;
  }
  return { sampleRate, channels };
}

/**
 * Writes 16-bit PCM WAV. `parts` are appended in order, so a long file can be written from repeats of
 * a short one without holding it whole.
 */
export async function writeWav(filePath: string, sampleRate: number, parts: readonly (readonly Float32Array[])[]): Promise<void> {
  const channelCount = parts[0]?.length ?? 1;
  const frames = parts.reduce((sum, part) => sum + (part[0]?.length ?? 0), 0);
  const dataBytes = frames * channelCount * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channelCount, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channelCount * 2, 28);
  header.writeUInt16LE(channelCount * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);

  const handle = await open(filePath, 'w');
  try {
    await handle.write(header);
    for (const part of parts) {
      const length = part[0]?.length ?? 0;
      const data = Buffer.alloc(length * channelCount * 2);
      for (let frame = 0; frame < length; frame++) {
        for (let channel = 0; channel < channelCount; channel++) {
          const value = Math.max(-1, Math.min(1, part[channel]?.[frame] ?? 0));
          data.writeInt16LE(Math.round(value * 32767), (frame * channelCount + channel) * 2);
        }
      }
      await handle.write(data);
    }
  } finally {
    await handle.close();
  }
}
