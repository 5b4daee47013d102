// HTTP callouts to real upstreams: what sendHttpCallout answers for each way a call can end (a real httpbin and
// small TCP servers that misbehave on purpose), and the cluster manager's round robin; the bridge
// as a plugin sees it through `upstreams` is in conformance/data-plane.test.ts.
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import type { HeaderPairs } from "../src/abi/pairs.js";
import { freePort, startHttpbin, type LocalService } from "../src/local-services/index.js";
import type { HttpCallout, HttpCalloutResult } from "../src/services/callouts.js";
import { routerReply, sendHttpCallout } from "../src/services/http-upstream.js";
import { NetworkCallouts } from "../src/services/network-callouts.js";

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
