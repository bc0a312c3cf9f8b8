import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

import { afterEach, describe, expect, it } from 'vitest';

import type { Transcript } from '../../core/model/transcript.ts';
import { AppError } from '../../lib/app-error.ts';
import { startJobWorker } from '../../jobs/job-worker.ts';
import type { JobWorker } from '../../jobs/job-worker.ts';
import { createJobTestEnv, waitForJob } from '../../jobs/testing/job-test-env.ts';
import type { JobTestEnv } from '../../jobs/testing/job-test-env.ts';
import { REPO_ROOT } from '../../../test/corpus.ts';
import { UploadService } from './upload.service.ts';
import { UploadStorage } from './upload-storage.ts';

// Yandex SpeechKit v2 output of a two-channel call: every turn has its channel (0 or 1).
const TWO_CHANNEL_TRANSCRIPT = path.join(REPO_ROOT, 'src', 'importers', 'transcript', 'fixtures', 'yandex-v2-two-channels.json');

describe('uploads with audio.managerChannelRules', () => {
  let env: JobTestEnv | undefined;
  let worker: JobWorker | undefined;

  afterEach(async () => {
    await worker?.stop();
    await env?.cleanup();
    worker = undefined;
    env = undefined;
  });

  /** Uploads the transcript with the sidecar through the service and the worker that `okk serve` runs. */
  async function uploadAndAnalyse(sidecar: Record<string, unknown>): Promise<Transcript> {
    env = await createJobTestEnv('sqlite', { audio: { managerChannelRules: [{ trunk: 'mts-sip', direction: 'inbound', managerChannel: 1 }] } });
    const queue = await env.openQueue();
    const uploads = UploadService.fromConfig(env.database, queue, env.config, env.logger);
    const storage = UploadStorage.forDataDir(env.dataDir);
    const files = [
      { name: 'call.json', content: await readFile(TWO_CHANNEL_TRANSCRIPT) },
      { name: 'call.meta.json', content: Buffer.from(JSON.stringify(sidecar)) },
    ];
    const staged = [];
    for (const file of files) {
      staged.push(await storage.stage(Readable.from([file.content]), file.name, uploads.limits.maxFileBytes));
    }
    const receipt = await uploads.acceptStaged(staged, 'qa-1');

    const recognizer = (): Promise<never> => Promise.reject(new AppError('MODEL_MISSING', 'распознавание речи в этом тесте не нужно'));
    worker = await startJobWorker(env.database, env.config, env.logger, { queue, concurrency: 1, recognizer });
    const [item] = receipt.uploads;
    await waitForJob(queue, item?.jobId ?? '');

    const status = await uploads.getUploadStatus(item?.uploadId ?? '');
    expect(status?.metadataFile).toBe('call.meta.json');
    const call = await env.database.calls.getCall(status?.result?.calls[0]?.id ?? '');
    if (call === undefined) {
      throw new Error(`the upload stored no call: ${JSON.stringify(status)}`);
    }
    return call.transcript;
  }

  function managerChannels(transcript: Transcript): number[] {
    return [...new Set(transcript.turns.filter((turn) => turn.role === 'manager').map((turn) => turn.channel ?? -1))];
  }

  it('applies a matching rule', async () => {
    const transcript = await uploadAndAnalyse({ trunk: 'mts-sip', direction: 'inbound' });
    expect(managerChannels(transcript)).toEqual([1]);
  });

  it('skips a rule that does not match', async () => {
    const transcript = await uploadAndAnalyse({ trunk: 'mts-sip', direction: 'outbound' });
    expect(managerChannels(transcript)).toEqual([0]);
  });
});
