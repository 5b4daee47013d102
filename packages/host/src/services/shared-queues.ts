/** Shared queues keyed by (vm_id, name) with tokens from 1 (`proxy_register/resolve/enqueue/dequeue_shared_queue`). */

/** One queue and the root context that registered it (and receives `proxy_on_queue_ready`). */
export interface SharedQueue {
  readonly token: number;
  readonly vmId: string;
  readonly name: string;
  rootContextId: number;
  readonly items: Uint8Array[];
}

/** The queues of a host process. */
export class SharedQueues {
  private readonly byKey = new Map<string, SharedQueue>();
  private readonly byToken = new Map<number, SharedQueue>();
  private nextToken = 1;

  /** Registers (or re-binds, keeping its items) the queue `name` of `vmId` to a root context. */
  register(vmId: string, name: string, rootContextId: number): number {
    const key = `${vmId}\0${name}`;
    let queue = this.byKey.get(key);
    if (queue === undefined) {
      queue = { token: this.nextToken++, vmId, name, rootContextId, items: [] };
      this.byKey.set(key, queue);
      this.byToken.set(queue.token, queue);
    }
    queue.rootContextId = rootContextId;
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
