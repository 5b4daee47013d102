/**
 * §11 items that run on the host's clock (reference/proxy-wasm-abi.md §3.2, §8.6): tick timers, time reads and
 * callout timeouts, driven by the fake clock (`clock: "fake"`, `host.advanceTime`).
 */
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { setImmediate as nextTurn } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { FakeClock, answeredByHand, serializePairs } from "../../src/index.js";
import { FixturePlugin } from "../fixtures/plugins.js";
import { said, startPlugin } from "../helpers.js";

const WASI_CLOCK = `(import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))`;

describe("§11 Lifecycle: timers per root context driven by a fake clock (advancing time produces ticks); 0 disables", () => {
  it("advanceTime moves the fake clock: one on_tick per elapsed period in each worker, on the root context; a period of 0 stops them", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (global $ticks (mut i32) (i32.const 0))
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 100))) (i32.const 1))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 40))) (i32.const 0))
      (func (export "proxy_on_tick") (param $root i32)
        (global.set $ticks (i32.add (global.get $ticks) (i32.const 1)))
        (call $num (local.get $root))
        (if (i32.eq (global.get $ticks) (i32.const 3)) (then (drop (call $proxy_set_tick_period_milliseconds (i32.const 0))))))`);
    const host = await startPlugin(wasm, { workers: 2, clock: "fake" });
    assert.equal(host.tickPeriodMs, 100);
    assert.equal(host.advanceTime(250), 4, "two periods in each of two workers");
    assert.equal(host.advanceTime(50), 2, "the third period ends at 300 ms");
    assert.equal(host.tickPeriodMs, 0, "the third tick disabled the timer");
    assert.equal(host.advanceTime(1000), 0);
    assert.equal(host.tickCount, 6);
    assert.deepEqual(said(host.logs), Array(6).fill("1"));
    await host.request({ method: "GET", path: "/" }); // a stream context sets its root's period
    assert.equal(host.tickPeriodMs, 40);
    assert.equal(host.advanceTime(80), 2, "only the first worker served the request");
  });

  it("setting a period restarts the timer from that moment, as Envoy re-creates it", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 100))) (i32.const 1))
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 100))) (i32.const 0))
      (func (export "proxy_on_tick") (param i32))`);
    const host = await startPlugin(wasm, { clock: "fake" });
    assert.equal(host.advanceTime(60), 0);
    await host.request({ method: "GET", path: "/" }); // at 60 ms: the next tick is due at 160 ms, not 100 ms
    assert.equal(host.advanceTime(60), 0);
    assert.equal(host.advanceTime(40), 1);
    assert.equal(host.advanceTime(100), 1);
  });

  it("proxy_get_current_time_nanoseconds and WASI clock_time_get (realtime and monotonic) read the fake clock", async () => {
    const p = new FixturePlugin();
    // logs realtime seconds (proxy_get_current_time_nanoseconds, then WASI), then monotonic milliseconds
    const wasm = p.build(`
      (func $seconds (param $ns i64) (call $num (i32.wrap_i64 (i64.div_u (local.get $ns) (i64.const 1000000000)))))
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 1500))) (i32.const 1))
      (func (export "proxy_on_tick") (param i32)
        (drop (call $proxy_get_current_time_nanoseconds (i32.const 264)))
        (call $seconds (i64.load (i32.const 264)))
        (drop (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 264)))
        (call $seconds (i64.load (i32.const 264)))
        (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 264)))
        (call $num (i32.wrap_i64 (i64.div_u (i64.load (i32.const 264)) (i64.const 1000000)))))`, [WASI_CLOCK]);
    const epochSeconds = Date.UTC(2026, 0, 1) / 1000;
    const host = await startPlugin(wasm, { clock: new FakeClock(epochSeconds * 1000) });
    assert.equal(host.advanceTime(3000), 2);
    const at = (s: number) => String(epochSeconds + s);
    assert.deepEqual(said(host.logs), [at(1), at(1), "1500", at(3), at(3), "3000"]);
  });

  it("advanceTime refuses the real clock, where only tick() delivers ticks", async () => {
    const host = await startPlugin(new FixturePlugin().build(""));
    assert.throws(() => host.advanceTime(10), /advanceTime needs the fake clock/);
  });
});

describe("§11 Stream semantics: continue_stream deferred; close_stream → reset with wasm_close_stream", () => {
  it("answers 408 stream_idle_timeout once the stream idle timeout passes on the host's clock while the stream is paused", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 1))`);
    const host = await startPlugin(wasm, { clock: "fake", streamIdleTimeoutMs: 300_000 });
    let settled = false;
    const pending = host.request({ method: "GET", path: "/" }).finally(() => (settled = true));
    await nextTurn();
    host.advanceTime(299_999);
    await nextTurn();
    assert.equal(settled, false, "still paused 1 ms before the timeout");
    host.advanceTime(1);
    const response = await pending;
    assert.equal(response.status, 408);
    assert.equal(response.details, "stream_idle_timeout");
    assert.equal(response.localReply?.source, "envoy");
    assert.ok(response.logs.some((r) => r.source === "host" && r.message.includes("stream_idle_timeout")));
  });
});

describe("§11 Data-plane services: HTTP callout router: timeouts on the fake clock; failure mode (0,0,0) + proxy_get_status = (11,\"reset\")", () => {
  /**
   * On request headers: an HTTP call to `auth` (timeout 500 ms), a gRPC call to `grpc` (200 ms) and a Redis command
   * to `cache` (operation timeout 400 ms), then pause; the tick period is 300 ms. Each answer and tick logs what
   * arrived; the HTTP answer resumes the stream.
   */
  function timeoutsPlugin(): Uint8Array {
    const p = new FixturePlugin();
    const headers = p.bytes(serializePairs([[":method", "GET"], [":path", "/"], [":authority", "auth"]]));
    return p.build(`
      (global $stream (mut i32) (i32.const 0))
      (func (export "proxy_on_configure") (param i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 300))) (i32.const 1))
      (func (export "proxy_on_tick") (param i32) (call $say ${p.str("tick")}))
      (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32)
        (global.set $stream (local.get $c))
        (drop (call $proxy_http_call ${p.str("auth")} ${headers} ${p.str("")} ${p.str("")} (i32.const 500) (i32.const 264)))
        (drop (call $proxy_grpc_call ${p.str("grpc")} ${p.str("pkg.Auth")} ${p.str("Check")} ${p.str("")} ${p.str("q")} (i32.const 200) (i32.const 264)))
        (drop (call $proxy_redis_init ${p.str("cache")} ${p.str("")} ${p.str("")} (i32.const 400)))
        (drop (call $proxy_redis_call ${p.str("cache")} ${p.str("*1\r\n$4\r\nPING\r\n")} (i32.const 264)))
        (i32.const 1))
      (func (export "proxy_on_http_call_response") (param i32) (param $token i32) (param $headers i32) (param i32 i32)
        (call $say ${p.str("http")}) (call $num (local.get $token)) (call $num (local.get $headers))
        (if (local.get $headers) (then (call $say_header (i32.const 6) ${p.str(":status")})))
        (drop (call $proxy_set_effective_context (global.get $stream)))
        (drop (call $proxy_continue_stream (i32.const 0))))
      (func (export "proxy_on_grpc_close") (param i32) (param $token i32) (param $status i32)
        (call $say ${p.str("grpc")}) (call $num (local.get $token)) (call $num (local.get $status))
        (drop (call $proxy_get_status (i32.const 268) (i32.const 256) (i32.const 260))) (call $say_out))
      (func (export "proxy_on_redis_call_response") (param i32) (param $token i32) (param $status i32) (param i32)
        (call $say ${p.str("redis")}) (call $num (local.get $token)) (call $num (local.get $status)))`, [
      `(import "env" "proxy_get_status" (func $proxy_get_status (param i32 i32 i32) (result i32)))`,
      `(import "env" "proxy_redis_init" (func $proxy_redis_init (param i32 i32 i32 i32 i32 i32 i32) (result i32)))`,
      `(import "env" "proxy_redis_call" (func $proxy_redis_call (param i32 i32 i32 i32 i32) (result i32)))`,
    ]);
  }

  /** A request whose plugin made an HTTP, a gRPC and a Redis call, all three pending, on the fake clock. */
  async function requestWithThreeCallouts() {
    const host = await startPlugin(timeoutsPlugin(), {
      clock: "fake",
      clusters: { auth: answeredByHand, grpc: answeredByHand },
      redisClusters: { cache: answeredByHand },
    });
    const response = host.request({ method: "GET", path: "/" });
    await nextTurn();
    return { host, response };
  }

  it("times out pending callouts and fires ticks in time order, each as Envoy answers a timeout", async () => {
    const { host, response } = await requestWithThreeCallouts();
    assert.equal(host.pendingCallouts().length, 3);
    assert.equal(host.advanceTime(199), 0);
    assert.deepEqual(said(host.logs), [], "nothing is due before 200 ms");
    assert.equal(host.advanceTime(401), 2, "ticks at 300 and 600 ms");
    assert.deepEqual(said(host.logs), [
      "grpc", "5", "14", "upstream request timeout", // 200 ms: the router's 504 reaches a gRPC caller as 14
      "tick", // 300 ms
      "redis", "7", "1", // 400 ms: the operation timeout fails the command (NetworkError)
      "http", "4", "3", "504", // 500 ms: the router's 504 (:status, content-length, content-type)
      "tick", // 600 ms
    ]);
    assert.deepEqual(host.pendingCallouts(), []);
    assert.equal((await response).status, 200);
  });

  it("an answer before its timeout cancels the timeout; a failed HTTP callout gets (0, 0, 0)", async () => {
    const { host, response } = await requestWithThreeCallouts();
    const [http, grpc, redis] = host.pendingCallouts();
    assert.equal(http?.kind === "http" && http.fail(), true);
    assert.equal(grpc?.kind === "grpc-call" && grpc.respond("ok"), true);
    assert.equal(redis?.kind === "redis" && redis.respond("+PONG\r\n"), true);
    host.advanceTime(1000);
    // the HTTP failure form (0, 0, 0); the gRPC answer goes to proxy_on_grpc_receive, which this plugin lacks
    assert.deepEqual(said(host.logs), ["http", "4", "0", "redis", "7", "0", "tick", "tick", "tick"]);
    assert.equal((await response).status, 200);
  });

  describe("a real upstream's timeouts run on the same clock", () => {
    let server: Server;
    const sockets: Socket[] = [];
    before(async () => {
      server = createServer((socket) => sockets.push(socket)); // accepts, never answers
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });
    after(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    });

    it("an HTTP callout to a silent upstream is answered 504 once the fake clock passes its timeout, not before", async () => {
      const p = new FixturePlugin();
      const headers = p.bytes(serializePairs([[":method", "GET"], [":path", "/"], [":authority", "slow"]]));
      const wasm = p.build(`
        (global $stream (mut i32) (i32.const 0))
        (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32)
          (global.set $stream (local.get $c))
          (drop (call $proxy_http_call ${p.str("slow")} ${headers} ${p.str("")} ${p.str("")} (i32.const 500) (i32.const 264)))
          (i32.const 1))
        (func (export "proxy_on_http_call_response") (param i32) (param $token i32) (param i32 i32 i32)
          (call $say_header (i32.const 6) ${p.str(":status")})
          (drop (call $proxy_set_effective_context (global.get $stream)))
          (drop (call $proxy_continue_stream (i32.const 0))))`);
      const { port } = server.address() as { port: number };
      const host = await startPlugin(wasm, { clock: "fake", upstreams: [{ name: "slow", endpoints: [{ host: "127.0.0.1", port }] }] });
      const response = host.request({ method: "GET", path: "/" });
      while (sockets.length === 0) await nextTurn();
      host.advanceTime(499);
      await nextTurn();
      assert.equal(host.pendingCallouts().length, 1, "still waiting at 499 ms");
      host.advanceTime(1);
      const done = await response;
      assert.deepEqual(said(done.logs), ["504"]);
    });
  });
});
