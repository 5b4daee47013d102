// HTTP callouts to real upstreams: what sendHttpCallout answers for each way a call can end (a real httpbin and
// small TCP servers that misbehave on purpose), and the bridge as a plugin sees it through `upstreams`.
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { serializePairs, type HeaderPairs } from "../src/abi/pairs.js";
import { freePort, startHttpbin, type LocalService } from "../src/local-services/index.js";
import type { HttpCallout, HttpCalloutResult } from "../src/services/callouts.js";
import { routerReply, sendHttpCallout } from "../src/services/http-upstream.js";
import { NetworkCallouts } from "../src/services/network-callouts.js";
import { FixturePlugin } from "./fixtures/plugins.js";
import { said, startPlugin } from "./helpers.js";

const decoder = new TextDecoder();
let httpbin: LocalService;

before(async () => {
  httpbin = await startHttpbin();
});
after(async () => {
  await httpbin.stop();
});

function callout(method: string, path: string, options: Partial<HttpCallout> = {}): HttpCallout {
  const headers: HeaderPairs = [[":method", method], [":path", path], [":authority", "httpbin.test"], ["x-probe", "1"]];
  return { token: 4, cluster: "outbound|80||httpbin.dns", headers, body: new Uint8Array(0), trailers: [], timeoutMs: 0, ...options };
}

/** The answer's status, one header and body text; fails on the failure form. */
function answered(result: HttpCalloutResult): { status: string; header: (name: string) => string | undefined; text: string } {
  assert.ok(!("reset" in result), "expected an answer, got a reset");
  const header = (name: string) => result.headers.find(([k]) => k === name)?.[1];
  const body = result.body ?? new Uint8Array(0);
  return { status: header(":status")!, header, text: typeof body === "string" ? body : decoder.decode(body) };
}

/** A TCP server on a free loopback port that handles each connection with `onSocket`. */
async function tcpServer(onSocket: (socket: Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const port = await freePort();
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => { sockets.push(socket); onSocket(socket); });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("sendHttpCallout", () => {
  const endpoint = () => ({ host: httpbin.hostname, port: httpbin.port });

  it("sends the request line, :authority as host, the other headers and the body; answers :status first, then the upstream's headers", async () => {
    const body = new TextEncoder().encode("ping");
    const headers: HeaderPairs = [...callout("POST", "/anything/x?q=1").headers, ["content-length", "4"]];
    const reply = answered(await sendHttpCallout(callout("POST", "/anything/x?q=1", { headers, body }), endpoint()));
    assert.equal(reply.status, "200");
    assert.equal(reply.header("content-type"), "application/json");
    const echoed = JSON.parse(reply.text);
    assert.equal(echoed.method, "POST");
    assert.equal(echoed.url, "http://httpbin.test/anything/x?q=1");
    assert.equal(echoed.headers["X-Probe"], "1");
    assert.equal(echoed.data, "ping");
  });

  it("keeps the upstream's own status and headers (lower-cased names)", async () => {
    const reply = answered(await sendHttpCallout(callout("GET", "/response-headers?X-Token=abc&X-Token=def"), endpoint()));
    assert.equal(reply.status, "200");
    const result = await sendHttpCallout(callout("GET", "/status/503"), endpoint());
    assert.equal(answered(result).status, "503");
    assert.ok(!("reset" in result) && result.headers.every(([k]) => k === k.toLowerCase()));
  });

  it("answers 504 upstream request timeout when no response started within the callout's timeout", async () => {
    const result = await sendHttpCallout(callout("GET", "/delay/3", { timeoutMs: 300 }), endpoint());
    assert.deepEqual(result, routerReply(504, "upstream request timeout"));
    assert.deepEqual((result as { headers: HeaderPairs }).headers, [
      [":status", "504"], ["content-length", "24"], ["content-type", "text/plain"],
    ]);
  });

  it("resets when the timeout fires after the response started", async () => {
    // drip: headers and the first byte at once, the second byte 5 s later.
    const result = await sendHttpCallout(callout("GET", "/drip?duration=10&numbytes=2&delay=0", { timeoutMs: 1000 }), endpoint());
    assert.deepEqual(result, { reset: true });
  });

  it("answers 503 with Envoy's connect-failure text when the connection is refused", async () => {
    const port = await freePort();
    const result = await sendHttpCallout(callout("GET", "/"), { host: "127.0.0.1", port });
    assert.deepEqual(result, routerReply(503,
      "upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, " +
      "transport failure reason: delayed connect error: Connection refused"));
  });

  it("answers 503 connection termination when the upstream closes before response headers", async () => {
    const server = await tcpServer((socket) => socket.once("data", () => socket.destroy()));
    try {
      const result = await sendHttpCallout(callout("GET", "/"), { host: "127.0.0.1", port: server.port });
      assert.deepEqual(result, routerReply(503,
        "upstream connect error or disconnect/reset before headers. reset reason: connection termination"));
    } finally {
      await server.close();
    }
  });

  it("resets when the upstream closes in the middle of the body", async () => {
    const server = await tcpServer((socket) => socket.once("data", () => {
      socket.end("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    }));
    try {
      assert.deepEqual(await sendHttpCallout(callout("GET", "/"), { host: "127.0.0.1", port: server.port }), { reset: true });
    } finally {
      await server.close();
    }
  });
});

describe("NetworkCallouts", () => {
  it("takes a cluster's endpoints in turn (Envoy's default round robin)", async () => {
    const servers = await Promise.all(["a", "b"].map((name) => tcpServer((socket) => socket.once("data", () => {
      socket.end(`HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n${name}`);
    }))));
    try {
      const cluster = { name: "outbound|80||pair.static", endpoints: servers.map(({ port }) => ({ host: "127.0.0.1", port })) };
      const callouts = new NetworkCallouts([cluster]);
      const answers: string[] = [];
      for (let i = 0; i < 4; i++) answers.push(answered(await callouts.httpCall(callout("GET", "/", { cluster: cluster.name }))).text);
      assert.deepEqual(answers, ["a", "b", "a", "b"]);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});

describe("proxy_http_call with upstreams", () => {
  const HTTPBIN = "outbound|80||httpbin.dns";

  /**
   * A plugin that, on request headers, makes five calls (an unknown cluster, one without endpoints, httpbin's
   * token, a cluster a test function answers, httpbin slower than the call's 300 ms), logs each dispatch status
   * and pauses (unless it named the host by a `host` header, which no call survives); on each answer it logs
   * token, header count, :status, x-token and proxy_get_status, and the last answer (token 16) resumes the stream.
   */
  function calloutPlugin(authority: "authority" | "host" = "authority"): Uint8Array {
    const p = new FixturePlugin();
    const headers = (path: string) => p.bytes(serializePairs([
      [":method", "GET"], [":path", path], [authority === "authority" ? ":authority" : "host", "httpbin.test"],
    ]));
    const getStatus = `(import "env" "proxy_get_status" (func $proxy_get_status (param i32 i32 i32) (result i32)))`;
    return p.build(`
      (global $stream (mut i32) (i32.const 0))
      (func $call (param $cluster i32) (param $n i32) (param $h i32) (param $hn i32) (param $timeout i32)
        (call $num (call $proxy_http_call (local.get $cluster) (local.get $n) (local.get $h) (local.get $hn)
          ${p.str("")} ${p.str("")} (local.get $timeout) (i32.const 264))))
      (func (export "proxy_on_request_headers") (param $c i32) (param i32 i32) (result i32)
        (global.set $stream (local.get $c))
        (call $call ${p.str("outbound|80||nowhere.dns")} ${headers("/get")} (i32.const 0))
        (call $call ${p.str("outbound|80||empty.dns")} ${headers("/get")} (i32.const 0))
        (call $call ${p.str(HTTPBIN)} ${headers("/response-headers?x-token=abc")} (i32.const 0))
        (call $call ${p.str("outbound|80||fake.dns")} ${headers("/")} (i32.const 0))
        (call $call ${p.str(HTTPBIN)} ${headers("/delay/3")} (i32.const 300))
        (i32.const ${authority === "authority" ? 1 : 0}))
      (func (export "proxy_on_http_call_response") (param $root i32) (param $token i32) (param $h i32) (param $b i32) (param $t i32)
        (call $num (local.get $token)) (call $num (local.get $h))
        (call $say_header (i32.const 6) ${p.str(":status")})
        (call $say_header (i32.const 6) ${p.str("x-token")})
        (drop (call $proxy_get_status (i32.const 264) (i32.const 256) (i32.const 260)))
        (call $num (i32.load (i32.const 264)))
        (if (i32.eq (local.get $token) (i32.const 16)) (then
          (drop (call $proxy_set_effective_context (global.get $stream)))
          (drop (call $proxy_continue_stream (i32.const 0))))))`, [getStatus]);
  }

  it("sends to the cluster's endpoint and answers on the root context; unknown is BAD_ARGUMENT, empty INTERNAL_FAILURE; test functions come first", async () => {
    const host = await startPlugin(calloutPlugin(), {
      upstreams: [
        { name: HTTPBIN, endpoints: [{ host: httpbin.hostname, port: httpbin.port }] },
        { name: "outbound|80||empty.dns", endpoints: [] },
        { name: "outbound|80||fake.dns", endpoints: [{ host: "127.0.0.1", port: 9 }] },
      ],
      clusters: { "outbound|80||fake.dns": () => ({ headers: [[":status", "418"]] }) },
    });
    const response = await host.request({ method: "GET", path: "/" });
    assert.equal(response.status, 200);
    const logged = said(response.logs);
    // Dispatch: BAD_ARGUMENT (2, no token), INTERNAL_FAILURE (10, token 4 spent), then three calls sent (OK).
    assert.deepEqual(logged.slice(0, 5), ["2", "10", "0", "0", "0"]);
    // Answers as they arrive (token, header count, :status, x-token or 1 for NOT_FOUND, status code): the test
    // function's 418 and httpbin's token (either first), then the router's 504 for the call slower than its 300 ms.
    const answers = [logged.slice(5, 10), logged.slice(10, 15)].sort((a, b) => Number(a[0]) - Number(b[0]));
    assert.deepEqual(answers[0]!.filter((_, i) => i !== 1), ["8", "200", "abc", "0"]);
    assert.deepEqual(answers[1], ["12", "1", "418", "1", "0"]);
    assert.deepEqual(logged.slice(15), ["16", "3", "504", "1", "0"]);
    assert.deepEqual(host.services.calloutLog.http.map((c) => c.accepted), [false, false, true, true, true]);
  });

  it("refuses a call whose host is a `host` header instead of :authority, as Envoy does", async () => {
    const host = await startPlugin(calloutPlugin("host"), {
      upstreams: [{ name: HTTPBIN, endpoints: [{ host: httpbin.hostname, port: httpbin.port }] }],
    });
    const response = await host.request({ method: "GET", path: "/" });
    assert.deepEqual(said(response.logs), ["2", "2", "2", "2", "2"]);
    assert.equal(host.services.calloutLog.http.filter((c) => c.accepted).length, 0);
  });
});
