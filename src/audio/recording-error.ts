/** Reason a recording could not be turned into a transcript. */
export type RecordingErrorCode =
  | 'invalid_options'
  | 'file_not_found'
  | 'not_a_file'
  | 'read_failed'
  | 'empty_file'
  | 'raw_format_required'
  | 'unsupported_format'
  | 'no_audio_stream'
  | 'decode_failed'
  | 'no_audio_decoded'
  | 'recognition_failed'
  | 'cancelled';

/** A failure of one recording: a stable English code and a Russian message that names the file. */
export interface RecordingError {
  code: RecordingErrorCode;
  message: string;
  file: string;
}

export function recordingError(code: RecordingErrorCode, file: string, message: string): RecordingError {
  return { code, file, message };
}

/** Returns the reason text of an unknown thrown value, for the tail of a Russian message. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

/** A failure of the recognition engine, as opposed to one of decoding; the engine's error is the cause. */
export class RecognitionError extends Error {
  constructor(cause: unknown) {
    super('speech recognition failed', { cause });
    this.name = 'RecognitionError';
  }
}
