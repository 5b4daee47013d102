import { watch, type FSWatcher } from "node:fs";

/** How long the sources must be quiet before a rebuild: an editor's save is often several writes. */
const SETTLE_MS = 150;

/**
 * Watches a directory tree and calls `onChange` once the changes settle. Calls never overlap: changes made while one
 * runs lead to exactly one more call after it.
 */
export class SourceWatcher {
  private readonly watcher: FSWatcher;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(dir: string, private readonly onChange: () => Promise<void>) {
    this.watcher = watch(dir, { recursive: true }, () => this.schedule());
  }

  /** Stops watching and waits for a call in progress. */
  async close(): Promise<void> {
    this.watcher.close();
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), SETTLE_MS);
  }

  private fire(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.onChange().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.fire();
      }
    });
  }
}
