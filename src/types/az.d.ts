// Type declarations for the parts of Az.js (npm `az`, 0.2.x) that okk uses; the package ships none.
declare module 'az' {
  export interface Tag {
    POS?: string;
    toString(): string;
    [grammeme: string]: unknown;
  }
  export interface Parse {
    word: string;
    tag: Tag;
    score: number;
    /** Name of the Az.js parser that produced this parse: `Dictionary` for a known word. */
    parser?: string;
    normalize(keepPos?: boolean): Parse;
  }
  interface MorphFunction {
    (word: string, options?: Record<string, unknown>): Parse[];
    init(path: string, callback: (error: unknown) => void): void;
  }
  const Az: { Morph: MorphFunction };
  export default Az;
}
