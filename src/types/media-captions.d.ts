// media-captions 1.0 ships types whose relative re-exports have no file extensions, which
// `moduleResolution: NodeNext` cannot follow; this declares the part of its API okk uses.
declare module 'media-captions' {
  export interface VTTCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
  }

  export interface ParseError {
    code: number;
    line: number;
    message: string;
  }

  export interface ParsedCaptionsResult {
    metadata: Record<string, string>;
    cues: VTTCue[];
    errors: ParseError[];
  }

  export interface ParseCaptionsOptions {
    type?: 'vtt' | 'srt' | 'ssa' | 'ass';
    strict?: boolean;
  }

  export function parseText(text: string, options?: ParseCaptionsOptions): Promise<ParsedCaptionsResult>;
}
