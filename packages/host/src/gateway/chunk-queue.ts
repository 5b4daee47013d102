/** A body handed from one filter to the next as it is produced: push chunks, then end. */
export class ChunkQueue implements AsyncIterable<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private ended = false;
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

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk !== undefined) yield chunk;
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve)).finally(() => (this.wake = undefined));
    }
  }
}
