/** A transcript format the importers read: its id (for `--format`), Russian title and id family. */
export interface TranscriptFormat {
  id: TranscriptFormatId;
  title: string;
  /**
   * Formats of one family share call ids: a call whose source id is `42` gets the same okk id whether
   * it came as text or as JSON of that family.
   */
  family: string;
}

export const TRANSCRIPT_FORMAT_IDS = [
  'channel-tagged-text',
  'channel-tagged-json',
  'labeled-text',
  'srt',
  'webvtt',
  'openai-verbose-json',
  'openai-whisper-json',
  'whisper-cpp-json',
  'faster-whisper-json',
  'whisperx-json',
  'yandex-v2',
  'yandex-v3',
  'deepgram',
  'salute-speech',
  'tbank-voicekit',
  'assemblyai',
] as const;

export type TranscriptFormatId = (typeof TRANSCRIPT_FORMAT_IDS)[number];

/** Every format with its Russian title, in the order `--format` help lists them. */
export const TRANSCRIPT_FORMATS: readonly TranscriptFormat[] = [
  { id: 'channel-tagged-text', title: 'Текст с метками каналов <in>/<out> (один звонок в файле)', family: 'channel-tagged' },
  { id: 'channel-tagged-json', title: 'JSON-выгрузка звонков: текст диалога и данные звонка', family: 'channel-tagged' },
  { id: 'labeled-text', title: 'Текст с ролями («Менеджер:», «Клиент:») или по реплике в строке', family: 'labeled-text' },
  { id: 'srt', title: 'Субтитры SRT', family: 'subtitles' },
  { id: 'webvtt', title: 'Субтитры WebVTT', family: 'subtitles' },
  { id: 'openai-verbose-json', title: 'OpenAI, verbose_json (сегменты или слова)', family: 'whisper' },
  { id: 'openai-whisper-json', title: 'openai-whisper, JSON из командной строки', family: 'whisper' },
  { id: 'whisper-cpp-json', title: 'whisper.cpp, JSON (-oj, -ojf или verbose_json сервера)', family: 'whisper' },
  { id: 'faster-whisper-json', title: 'faster-whisper, сегменты со словами', family: 'whisper' },
  { id: 'whisperx-json', title: 'WhisperX, JSON с дикторами', family: 'whisper' },
  { id: 'yandex-v2', title: 'Yandex SpeechKit v2 (longRunningRecognize)', family: 'yandex' },
  { id: 'yandex-v3', title: 'Yandex SpeechKit v3 (NDJSON или массив результатов)', family: 'yandex' },
  { id: 'deepgram', title: 'Deepgram, JSON (файл или поток)', family: 'deepgram' },
  { id: 'salute-speech', title: 'SaluteSpeech, результат асинхронного распознавания', family: 'salute-speech' },
  { id: 'tbank-voicekit', title: 'Т-Банк VoiceKit, ответ recognize', family: 'tbank-voicekit' },
  { id: 'assemblyai', title: 'AssemblyAI, JSON расшифровки', family: 'assemblyai' },
];

export function isTranscriptFormatId(value: string): value is TranscriptFormatId {
  return (TRANSCRIPT_FORMAT_IDS as readonly string[]).includes(value);
}

export function formatById(id: TranscriptFormatId): TranscriptFormat {
  const format = TRANSCRIPT_FORMATS.find((candidate) => candidate.id === id);
  if (format === undefined) {
    throw new Error(`Transcript format ${id} has no entry in TRANSCRIPT_FORMATS`);
  }
  return format;
}
