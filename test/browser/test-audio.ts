import { writeFile } from 'node:fs/promises';

const SAMPLE_RATE = 8000;

/**
 * Writes a mono 16-bit PCM WAV of `durationSec` seconds: a quiet tone that changes pitch every second,
 * so the waveform has visible structure. Enough for the player to load, draw and seek.
 */
export async function writeToneWav(filePath: string, durationSec: number): Promise<void> {
  const samples = Math.round(durationSec * SAMPLE_RATE);
  const data = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index++) {
    const second = Math.floor(index / SAMPLE_RATE);
    const frequency = 220 + (second % 5) * 55;
    const envelope = 0.35 + 0.25 * Math.sin((2 * Math.PI * index) / (SAMPLE_RATE * 0.7));
    const value = Math.sin((2 * Math.PI * frequency * index) / SAMPLE_RATE) * envelope;
    data.writeInt16LE(Math.round(value * 12_000), index * 2);
  }

  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  await writeFile(filePath, Buffer.concat([header, data]));
}
