/**
 * One connection of the Redis bridge to one endpoint, as Envoy's Redis async client keeps it: AUTH and SELECT
 * go first, commands are pipelined, replies come back in order. The per-operation timeout follows Envoy: the
 * cluster's connect timeout governs until the connection is up; then the timer runs while replies are awaited
 * and restarts at each reply. A timeout, a refused or dropped connection, or bytes that are not RESP close the
 * connection and fail every command still waiting with `NetworkError` (status 1).
 */
import { connect, type Socket } from "node:net";
import type { RedisCalloutResult } from "./callouts.js";
import { noTimer, systemClock, type Clock } from "./clock.js";
import { lineReply, replyEnd, RespFramingError } from "./redis-reply-framing.js";
import type { UpstreamEndpoint } from "./upstream-clusters.js";

/** How a Redis client of a cluster connects: what `proxy_redis_init` set. */
export interface RedisClientSettings {
  readonly username: string;
  readonly password: string;
  /** `SELECT`ed after connecting when not 0 (`db=` in the init cluster name). */
  readonly database: number;
  /** Envoy's `op_timeout`. */
  readonly opTimeoutMs: number;
  /** The cluster's `connect_timeout`. */
  readonly connectTimeoutMs: number;
}

/** A reply awaited on the connection: a plugin's command, or the bridge's own AUTH/SELECT. */
interface Awaited {
  readonly command: string;
  readonly settle?: (result: RedisCalloutResult) => void;
}

/** Receives problems that reach no plugin callback (a rejected AUTH or SELECT, a dropped connection). */
export type RedisWarning = (message: string) => void;

/** A RESP command of bulk strings. */
function command(...args: string[]): Uint8Array {
  const parts = args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
  return Buffer.from(`*${args.length}\r\n${parts.join("")}`);
}

/** A pipelined connection to one Redis endpoint. */
export class RedisConnection {
  private readonly socket: Socket;
  private readonly awaited: Awaited[] = [];
  private received: Uint8Array = new Uint8Array(0);
  /** Cancels the armed timeout; undefined when none is armed. */
  private timer: (() => void) | undefined;
  private connected = false;
  /** Closed: no command is accepted any more. */
  closed = false;
  private retiring = false;

  constructor(
    private readonly endpoint: UpstreamEndpoint,
    private readonly settings: RedisClientSettings,
    private readonly warn: RedisWarning,
    private readonly clock: Clock = systemClock,
  ) {
    this.socket = connect({ host: endpoint.host, port: endpoint.port, noDelay: true });
    this.socket.unref();
    this.arm(settings.connectTimeoutMs, "connect timeout");
    this.socket.on("connect", () => {
      this.connected = true;
      this.arm(this.settings.opTimeoutMs, "operation timeout");
    });
    this.socket.on("data", (chunk: Buffer) => this.onData(chunk));
    this.socket.on("error", (error) => this.fail(error.message));
    this.socket.on("close", () => this.fail("connection closed"));
    if (settings.password !== "") {
      const auth = settings.username === "" ? command("AUTH", settings.password) : command("AUTH", settings.username, settings.password);
      this.write(auth, { command: "AUTH" });
    }
    if (settings.database !== 0) this.write(command("SELECT", String(settings.database)), { command: "SELECT" });
  }

  /** Sends a plugin's raw RESP command; the promise settles with its reply or with `NetworkError`. */
  send(query: Uint8Array): Promise<RedisCalloutResult> {
    if (this.closed || this.retiring) return Promise.resolve({ status: 1 });
    return new Promise((settle) => this.write(query, { command: "", settle }));
  }

  /** Closes the connection; commands still waiting fail. */
  close(): void {
    this.fail("closed by the host");
  }

  /** Takes no more commands and closes once the replies already asked for have arrived. */
  retire(): void {
    this.retiring = true;
    if (this.awaited.length === 0) this.close();
  }

  private write(bytes: Uint8Array, awaited: Awaited): void {
    this.awaited.push(awaited);
    if (this.connected && this.timer === undefined) this.arm(this.settings.opTimeoutMs, "operation timeout");
    this.socket.write(bytes);
  }

  /** (Re)starts the timer for the first awaited reply (or the connection); none when nothing is awaited. */
  private arm(ms: number, what: string): void {
    (this.timer ?? noTimer)();
    this.timer = undefined;
    if (this.connected && this.awaited.length === 0) return;
    this.timer = this.clock.setTimer(ms, () => this.fail(`${what} after ${ms} ms`));
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? new Uint8Array(chunk) : Buffer.concat([this.received, chunk]);
    let start = 0;
    try {
      for (let end = replyEnd(this.received, start); end !== undefined; end = replyEnd(this.received, start)) {
        this.onReply(start, end);
        start = end;
        if (start === this.received.length) break;
      }
    } catch (error) {
      if (error instanceof RespFramingError) return this.fail(`malformed reply from Redis: ${error.message}`);
      throw error;
    }
    this.received = this.received.subarray(start);
  }

  private onReply(start: number, end: number): void {
    const awaited = this.awaited.shift();
    if (awaited === undefined) return this.fail("a reply nobody asked for");
    this.arm(this.settings.opTimeoutMs, "operation timeout");
    if (awaited.settle !== undefined) {
      awaited.settle({ status: 0, response: this.received.slice(start, end) });
    } else {
      const reply = lineReply(this.received, start, end);
      if (reply.type === "-") this.warn(`redis ${this.where()}: ${awaited.command} failed: ${reply.text}`);
    }
    if (this.retiring && this.awaited.length === 0) this.close();
  }

  private fail(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    (this.timer ?? noTimer)();
    this.socket.destroy();
    const failed = this.awaited.splice(0);
    if (failed.some((awaited) => awaited.settle !== undefined)) this.warn(`redis ${this.where()}: ${reason}`);
    for (const awaited of failed) awaited.settle?.({ status: 1 });
  }

  private where(): string {
    return `${this.endpoint.host}:${this.endpoint.port}`;
  }
}
