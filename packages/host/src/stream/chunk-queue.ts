/** A body handed on as it is produced: push chunks, then end it, or abort it (the reader's iteration throws). */
export class ChunkQueue implements AsyncIterable<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private ended = false;
  private aborted: Error | undefined;
  private wake: (() => void) | undefined;

  /** Adds a chunk. */
  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.wake?.();
  }

  /** Ends the body. */
  end(): void {
    this.ended = true;
    this.wake?.();
  }

  /** Cuts the body short: the reader's next step throws `reason`. */
  abort(reason: Error): void {
    this.aborted = reason;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      if (this.aborted !== undefined) throw this.aborted;
      const chunk = this.chunks.shift();
      if (chunk !== undefined) yield chunk;
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve)).finally(() => (this.wake = undefined));
    }
  }
}
