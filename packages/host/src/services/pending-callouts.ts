/**
 * Callouts waiting for their answer. Every accepted HTTP or Redis callout is pending until its cluster answers
 * it, or a test answers, fails or times it out by hand (Higress TestHost's `CallOnHttpCall` / `CallOnRedisCall`);
 * whichever comes first is delivered to the root context, the other is ignored.
 */
import type { HeaderPairs } from "../abi/pairs.js";
import type { HttpCallout, HttpCalloutResult, RedisCallout, RedisCalloutResult } from "./callouts.js";
import { routerReply } from "./http-upstream.js";
import type { PluginServices } from "./plugin-services.js";

/** A pending callout of either kind. */
export type PendingCallout = PendingHttpCallout | PendingRedisCallout;

/** What both kinds share: the callout as dispatched, and a single delivery of its answer. */
abstract class Pending<Callout, Result> {
  private answered = false;

  constructor(
    /** The callout as the plugin dispatched it. */
    readonly callout: Callout,
    private readonly services: PluginServices,
    private readonly deliver: (result: Result) => void,
  ) {
    services.pending++;
    services.pendingCallouts.push(this as unknown as PendingCallout);
  }

  /** Delivers `result` to the plugin now, unless the callout was answered already; whether it delivered. */
  answer(result: Result): boolean {
    if (this.answered) return false;
    this.answered = true;
    const list = this.services.pendingCallouts;
    list.splice(list.indexOf(this as unknown as PendingCallout), 1);
    this.services.settle(() => this.deliver(result));
    return true;
  }
}

/** A pending `proxy_http_call`. */
export class PendingHttpCallout extends Pending<HttpCallout, HttpCalloutResult> {
  readonly kind = "http";

  /** Answers with a response (`:status` among the headers), as `proxy_on_http_call_response` receives it. */
  respond(headers: HeaderPairs, body?: Uint8Array | string, trailers?: HeaderPairs): boolean {
    return this.answer({ headers, body, trailers });
  }

  /** Fails it as a reset: the callback gets `(0, 0, 0)` and `proxy_get_status` = 11 "reset". */
  fail(): boolean {
    return this.answer({ reset: true });
  }

  /** Its timeout fires before any response: Envoy's router answers 504 `upstream request timeout`. */
  timeOut(): boolean {
    return this.answer(routerReply(504, "upstream request timeout"));
  }
}

/** A pending Higress `proxy_redis_call`. */
export class PendingRedisCallout extends Pending<RedisCallout, RedisCalloutResult> {
  readonly kind = "redis";

  /** Answers with a raw RESP reply (`RedisStatus` Ok). */
  respond(reply: Uint8Array | string): boolean {
    return this.answer({ status: 0, response: reply });
  }

  /** Fails it with `RedisStatus` NetworkError (1). */
  fail(): boolean {
    return this.answer({ status: 1 });
  }
}
