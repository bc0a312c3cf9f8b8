import type { Command } from 'commander';
import { Option } from 'commander';

import { modelsDirOf } from '../../asr/create-recognizer.ts';
import { CATALOG } from '../../asr/models/model-catalog.ts';
import type { LocalEngine } from '../../asr/models/model-catalog.ts';
import { megabytes } from '../../asr/models/model-download.ts';
import { addModel, pullModel } from '../../asr/models/model-install.ts';
import { listInstalledModels } from '../../asr/models/model-store.ts';
import { loadConfig } from '../../lib/config.ts';

const ENGINES: LocalEngine[] = ['t-one', 'gigaam', 'whisper'];

/** `okk models`: local speech recognition models — list, download, register a hand-copied one. */
export function registerModelsCommand(program: Command): void {
  const models = program.command('models').description('локальные модели распознавания речи: список, загрузка, установка вручную');

  models
    .command('list')
    .description('показать установленные модели и каталог известных моделей')
    .action(async () => {
      await listModels();
    });

  models
    .command('pull')
    .description('скачать модель по имени из каталога (или по --url) и установить её')
    .argument('<имя>', 'имя модели, например t-one, gigaam-v2-ctc, whisper-small')
    .option('--url <адрес>', 'адрес архива .tar.bz2 или файла модели вместо адреса из каталога (например, зеркало в локальной сети)')
    .option('--sha256 <хеш>', 'ожидаемая контрольная сумма SHA-256 загрузки в шестнадцатеричном виде')
    .addOption(new Option('--engine <движок>', 'движок для модели не из каталога').choices(ENGINES))
    .option('--force', 'заменить уже установленную модель с тем же именем')
    .action(async (name: string, options: { url?: string; sha256?: string; engine?: LocalEngine; force?: boolean }) => {
      await pull(name, options);
    });

  models
    .command('add')
    .description('зарегистрировать модель, скопированную вручную (установка без интернета)')
    .argument('<путь>', 'папка распакованной модели sherpa-onnx или файл ggml-*.bin модели whisper')
    .option('--name <имя>', 'имя модели (по умолчанию выводится из имени папки или файла)')
    .addOption(new Option('--engine <движок>', 'движок модели, если его не удаётся определить по имени').choices(ENGINES))
    .option('--force', 'заменить уже установленную модель с тем же именем')
    .action(async (source: string, options: { name?: string; engine?: LocalEngine; force?: boolean }) => {
      const modelsDir = modelsDirOf(loadConfig());
      const model = await addModel(modelsDir, { source, name: options.name, engine: options.engine, force: options.force === true, probe: true });
      console.log(`Модель «${model.name}» (движок ${model.engine}) установлена в ${model.path}.`);
      console.log(`Чтобы использовать её, укажите в настройках: "asr": { "engine": "${model.engine}", "model": "${model.name}" }.`);
    });
}

async function listModels(): Promise<void> {
  const modelsDir = modelsDirOf(loadConfig());
  const installed = await listInstalledModels(modelsDir);
  console.log(`Папка моделей: ${modelsDir}`);
  if (installed.length === 0) {
    console.log('Установленных моделей нет.');
  } else {
    console.log('Установлены:');
    for (const model of installed) {
      console.log(`  ${model.name.padEnd(16)} ${model.engine.padEnd(8)} ${model.path}`);
    }
  }
  console.log('Каталог (okk models pull ИМЯ):');
  for (const model of CATALOG) {
    const state = installed.some((item) => item.name === model.name) ? 'установлена' : `≈${model.sizeMb} МБ`;
    console.log(`  ${model.name.padEnd(16)} ${model.engine.padEnd(8)} ${state.padEnd(12)} ${model.description}`);
  }
}

async function pull(name: string, options: { url?: string; sha256?: string; engine?: LocalEngine; force?: boolean }): Promise<void> {
  const modelsDir = modelsDirOf(loadConfig());
  const progress = progressBar(name);
  const result = await pullModel(modelsDir, { name, url: options.url, sha256: options.sha256, engine: options.engine, force: options.force === true, probe: true, onProgress: progress.update });
  progress.finish();
  console.log(`Модель «${result.model.name}» (движок ${result.model.engine}) установлена в ${result.model.path}.`);
  if (result.checked) {
    console.log(`Контрольная сумма SHA-256 совпала: ${result.sha256}.`);
  } else {
    console.log(`Контрольная сумма не задана; SHA-256 загрузки: ${result.sha256}. Сверьте её с источником и передавайте в --sha256 при следующих установках.`);
  }
}

/** Draws a progress bar on stderr when it is a terminal; prints nothing otherwise (logs, CI). */
function progressBar(name: string): { update: (received: number, total: number | null) => void; finish: () => void } {
  const terminal = process.stderr.isTTY;
  let lastDrawn = 0;
  return {
    update(received, total) {
      const now = Date.now();
      if (!terminal || now - lastDrawn < 100) {
        return;
      }
      lastDrawn = now;
      const width = 30;
      const share = total === null || total === 0 ? null : Math.min(1, received / total);
      const bar = share === null ? '' : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.floor(share * 100)}% `;
      const amount = total === null ? `${megabytes(received)} МБ` : `${megabytes(received)} из ${megabytes(total)} МБ`;
      process.stderr.write(`\rЗагрузка ${name}: ${bar}${amount}  `);
    },
    finish() {
      if (terminal) {
        process.stderr.write('\n');
      }
    },
  };
}
