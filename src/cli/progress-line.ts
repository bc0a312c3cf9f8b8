/**
 * A progress line on stderr that rewrites itself in place. It is shown only when stderr is a terminal,
 * so logs and pipes get no carriage returns.
 */
export class ProgressLine {
  private visible = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return this.stream.isTTY;
  }

  update(text: string): void {
    if (!this.enabled) {
      return;
    }
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    this.stream.write(`\r\x1b[2K${line}`);
    this.visible = true;
  }

  /** Clears the line so that a message can be printed in its place. */
  clear(): void {
    if (this.visible) {
      this.stream.write('\r\x1b[2K');
      this.visible = false;
    }
  }
}
