/** Shared queues keyed by (vm_id, name) with tokens from 1 (`proxy_register/resolve/enqueue/dequeue_shared_queue`). */

/** One queue and who last registered it: that root context, in its VM instance, receives `proxy_on_queue_ready`. */
export interface SharedQueue {
  readonly token: number;
  readonly vmId: string;
  readonly name: string;
  /** Delivers `proxy_on_queue_ready(root, token)` to the registering root context. */
  onReady: (token: number) => void;
  readonly items: Uint8Array[];
}

/** The queues of a host process. */
export class SharedQueues {
  private readonly byKey = new Map<string, SharedQueue>();
  private readonly byToken = new Map<number, SharedQueue>();
  private nextToken = 1;

  /** Registers (or re-binds, keeping its items) the queue `name` of `vmId` to a root context's `onReady`. */
  register(vmId: string, name: string, onReady: (token: number) => void): number {
    const key = `${vmId}\0${name}`;
    let queue = this.byKey.get(key);
    if (queue === undefined) {
      queue = { token: this.nextToken++, vmId, name, onReady, items: [] };
      this.byKey.set(key, queue);
      this.byToken.set(queue.token, queue);
    }
    queue.onReady = onReady;
    return queue.token;
  }

  /** The token of an existing queue. */
  resolve(vmId: string, name: string): number | undefined {
    return this.byKey.get(`${vmId}\0${name}`)?.token;
  }

  /** The queue behind a token. */
  get(token: number): SharedQueue | undefined {
    return this.byToken.get(token);
  }
}
