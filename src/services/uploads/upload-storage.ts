import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { AppError } from '../../lib/app-error.ts';
import { formatSize } from './upload-messages.ts';

/** A file received into the incoming folder, hashed, not yet in its final place. */
export interface StagedFile {
  fileName: string;
  tempPath: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Uploaded files on disk: `<dataDir>/uploads/<sha256>/<name>`, so the same bytes are kept once
 * whatever they were called. Metadata files go to `<sha256>/sidecars/<their sha256>.meta.json`, out of
 * the reach of the sidecar lookup next to the file, because another upload of the same bytes may come
 * with other metadata or none.
 */
export class UploadStorage {
  constructor(readonly root: string) {}

  static forDataDir(dataDir: string): UploadStorage {
    return new UploadStorage(path.join(dataDir, 'uploads'));
  }

  /**
   * Writes the stream to the incoming folder, hashing it on the way. A stream longer than `maxBytes`
   * fails with PAYLOAD_TOO_LARGE and leaves nothing behind.
   */
  async stage(stream: Readable, fileName: string, maxBytes: number): Promise<StagedFile> {
    const incoming = path.join(this.root, '.incoming');
    await mkdir(incoming, { recursive: true });
    const tempPath = path.join(incoming, randomUUID());
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        sizeBytes += chunk.length;
        if (sizeBytes > maxBytes) {
          callback(new AppError('PAYLOAD_TOO_LARGE', `Файл «${fileName}» больше допустимых ${formatSize(maxBytes)}: загрузка отменена.`));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(stream, meter, createWriteStream(tempPath, { flags: 'wx' }));
    } catch (error) {
      await rm(tempPath, { force: true });
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
        throw new AppError('INTERNAL', `Файл «${fileName}» не сохранён: на диске сервера нет места для загрузок. Обратитесь к администратору.`, { cause: error });
      }
      throw error;
    }
    return { fileName, tempPath, sha256: hash.digest('hex'), sizeBytes };
  }

  /** Moves a staged file to `<sha256>/<name>` and returns that path; identical bytes already there are kept. */
  async commit(file: StagedFile): Promise<string> {
    return this.moveInto(file, path.join(this.root, file.sha256, file.fileName));
  }

  /** Moves a staged metadata file beside the call file with hash `fileSha256`, and returns its path. */
  async commitSidecar(sidecar: StagedFile, fileSha256: string): Promise<string> {
    return this.moveInto(sidecar, this.sidecarPath(fileSha256, sidecar.sha256));
  }

  sidecarPath(fileSha256: string, sidecarSha256: string): string {
    return path.join(this.root, fileSha256, 'sidecars', `${sidecarSha256}.meta.json`);
  }

  async discard(file: StagedFile): Promise<void> {
    await rm(file.tempPath, { force: true });
  }

  /**
   * Lays out a file with its metadata file in a folder of its own (`.work/<id>/`), named so that the
   * sidecar lookup finds the metadata. The file is hard-linked where the file system allows it.
   * Returns the file's path there; `releaseWorkFolder` removes the folder.
   */
  async prepareWorkFolder(id: string, storedPath: string, fileName: string, sidecarPath: string): Promise<string> {
    const folder = this.workFolder(id);
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    const filePath = path.join(folder, fileName);
    try {
      await link(storedPath, filePath);
    } catch {
      await copyFile(storedPath, filePath);
    }
    const stem = fileName.slice(0, fileName.length - path.extname(fileName).length);
    await copyFile(sidecarPath, path.join(folder, `${stem}.meta.json`));
    return filePath;
  }

  async releaseWorkFolder(id: string): Promise<void> {
    await rm(this.workFolder(id), { recursive: true, force: true });
  }

  private workFolder(id: string): string {
    return path.join(this.root, '.work', id);
  }

  private async moveInto(file: StagedFile, target: string): Promise<string> {
    await mkdir(path.dirname(target), { recursive: true });
    if (await isFile(target)) {
      // Same folder means same SHA-256, so the file there has these very bytes.
      await this.discard(file);
      return target;
    }
    await rename(file.tempPath, target);
    return target;
  }
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}
