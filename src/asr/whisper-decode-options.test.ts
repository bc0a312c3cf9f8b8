import { describe, expect, it } from 'vitest';

import { asrConfigSchema, type WhisperConfig } from './asr-config.ts';
import { whisperDecodeOptions } from './whisper.recognizer.ts';

function whisperConfig(settings: Record<string, unknown> = {}): WhisperConfig {
  const config = asrConfigSchema.parse({ engine: 'whisper', ...settings });
  if (config.engine !== 'whisper') {
    throw new Error(`parsed engine ${config.engine}`);
  }
  return config;
}

describe('whisperDecodeOptions', () => {
  it('feeds no previous text back into a window', () => {
    const options = whisperDecodeOptions(whisperConfig(), 'ru');

    expect(options.maxContext).toBe(0);
    expect(options).not.toHaveProperty('prompt');
    expect(options).not.toHaveProperty('initialPrompt');
  });

  it('decodes greedily in Russian with the configured threads', () => {
    const options = whisperDecodeOptions(whisperConfig({ threads: 2 }), 'ru');

    expect(options).toEqual({ language: 'ru', maxThreads: 2, temperature: 0, maxContext: 0 });
  });

  it('passes a configured beam size', () => {
    expect(whisperDecodeOptions(whisperConfig({ beamSize: 5 }), 'ru').beamSize).toBe(5);
  });
});
