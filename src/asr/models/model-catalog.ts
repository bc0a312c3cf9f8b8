/** Engines that run a local model. */
export type LocalEngine = 't-one' | 'gigaam' | 'whisper';

/** Files a local engine needs in a model folder. */
export interface ModelLayout {
  /** The acoustic model: one of these names, the first found wins. A `*` matches any name with that ending. */
  model: string[];
  /** The token table of a CTC model, if the engine needs one. */
  tokens: string | null;
}

export const LAYOUTS: Record<LocalEngine, ModelLayout> = {
  't-one': { model: ['model.onnx'], tokens: 'tokens.txt' },
  gigaam: { model: ['model.int8.onnx', 'model.onnx'], tokens: 'tokens.txt' },
  whisper: { model: ['*.bin'], tokens: null },
};

export interface CatalogModel {
  name: string;
  engine: LocalEngine;
  description: string;
  /** Official download address: a `.tar.bz2` archive with one top folder, or a single model file. */
  url: string;
  /** Approximate download size in megabytes, shown before the download starts. */
  sizeMb: number;
  /** Expected SHA-256 of the download, when the publisher states one. */
  sha256: string | null;
}

// NOTE: the publishers state no SHA-256 next to these files and they could not be downloaded here to compute
// one, so `sha256` is null: `okk models pull` then prints the digest it got and asks for `--sha256` to pin it.
export const CATALOG: CatalogModel[] = [
  {
    name: 't-one',
    engine: 't-one',
    description: 'T-one от Т-Банка: потоковая CTC-модель для телефонии 8 кГц, Apache-2.0 (сборка sherpa-onnx)',
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models/sherpa-onnx-streaming-t-one-russian-2025-09-08.tar.bz2',
    sizeMb: 140,
    sha256: null,
  },
  {
    name: 'gigaam-v2-ctc',
    engine: 'gigaam',
    description: 'GigaAM v2 CTC от Сбера, int8 (сборка sherpa-onnx)',
    url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models/sherpa-onnx-nemo-ctc-giga-am-v2-russian-2025-04-19.tar.bz2',
    sizeMb: 226,
    sha256: null,
  },
  {
    name: 'whisper-small',
    engine: 'whisper',
    description: 'Whisper small в формате ggml для whisper.cpp',
    url: 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-small.bin',
    sizeMb: 466,
    sha256: null,
  },
  {
    name: 'whisper-medium',
    engine: 'whisper',
    description: 'Whisper medium в формате ggml для whisper.cpp',
    url: 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-medium.bin',
    sizeMb: 1500,
    sha256: null,
  },
];

export function findCatalogModel(name: string): CatalogModel | undefined {
  return CATALOG.find((model) => model.name === name);
}
