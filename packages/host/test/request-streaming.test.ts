/**
 * The request streams to the upstream as Envoy's router sends it: the upstream request starts when the request
 * headers pass the filters, each body chunk follows as the filters let it through, a filter that buffers holds its
 * chunks until it continues, and a local reply after the start resets the upstream request.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { startGatewayFromEnvoyYaml, type EnvoyGatewayOptions, type StreamingUpstream, type UpstreamRequestStream } from "../src/index.js";
import { FixturePlugin } from "./fixtures/plugins.js";
import { startPlugin } from "./helpers.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const GUIDE_YAML = here("../../test/fixtures/envoy/guide-envoy.yaml");
const MOCK_ENABLE = here("../../../../plugins/mock-enable/build/main.wasm");
const FILTER_START = "                  - name: wasmdemo\n";
const ROUTER_START = "                  - name: envoy.filters.http.router\n";
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** One request as the upstream received it. */
interface Received {
  readonly headers: IncomingHttpHeaders;
  /** Body chunks in the order they arrived. */
  readonly chunks: string[];
  /** Settles when the first body chunk arrived. */
  readonly firstChunk: Promise<void>;
  /** True when the request completed, false when it was reset before its end. */
  readonly completed: Promise<boolean>;
}

/** A loopback HTTP/1.1 upstream that records each request and echoes its body once it is complete. */
class RecordingUpstream {
  private readonly arrived: Received[] = [];
  private wake: (() => void) | undefined;

  private constructor(readonly server: Server) {}

  static async start(): Promise<RecordingUpstream> {
    const upstream = new RecordingUpstream(createServer((req, res) => {
      const chunks: string[] = [];
      let firstChunk!: () => void;
      let completed!: (complete: boolean) => void;
      const received: Received = {
        headers: req.headers,
        chunks,
        firstChunk: new Promise((resolve) => (firstChunk = resolve)),
        completed: new Promise((resolve) => (completed = resolve)),
      };
      req.on("data", (chunk: Buffer) => (chunks.push(chunk.toString()), firstChunk()));
      req.on("end", () => (completed(true), res.end(chunks.join(""))));
      req.on("close", () => completed(req.complete));
      upstream.arrived.push(received);
      upstream.wake?.();
    }));
    upstream.server.listen(0, "127.0.0.1");
    await once(upstream.server, "listening");
    return upstream;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The next request to arrive. */
  async next(): Promise<Received> {
    while (this.arrived.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.arrived.shift()!;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, "close");
  }
}

/** A client that sends `first` now and the rest of its body when told to; content-length covers both. */
function slowClient(url: string, first: string, rest: string) {
  const outgoing = request(`${url}/post`, { method: "POST", agent: false, headers: { "content-length": String(first.length + rest.length) } });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    outgoing.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    outgoing.on("error", reject);
  });
  outgoing.write(first);
  return { response, sendRest: () => outgoing.end(rest) };
}

/** The guide's envoy.yaml with its wasm filter repeated `filters` times (0 removes it). */
async function guideYaml(filters: number): Promise<string> {
  const text = await readFile(GUIDE_YAML, "utf8");
  const start = text.indexOf(FILTER_START);
  const end = text.indexOf(ROUTER_START);
  const filter = text.slice(start, end);
  const copies = Array.from({ length: filters }, (_, i) => filter.replaceAll("wasmdemo", i === 0 ? "wasmdemo" : `wasmdemo${i + 1}`));
  return text.slice(0, start) + copies.join("") + text.slice(end);
}

/** A regression that buffered the request would leave these waiting for a chunk that never comes: fail instead of hanging. */
const HANG_GUARD = { timeout: 60_000 };

describe("request streaming through the gateway from an envoy.yaml", HANG_GUARD, () => {
  let upstream: RecordingUpstream;
  let fixtures: string;

  before(async () => {
    upstream = await RecordingUpstream.start();
    fixtures = await mkdtemp(join(tmpdir(), "request-streaming-"));
  });
  after(async () => {
    await upstream?.close();
    if (fixtures !== undefined) await rm(fixtures, { recursive: true, force: true });
  });

  /** Starts the gateway with `filters` copies of the wasm filter running `wasm` (a file path), routed to the recording upstream. */
  async function gateway(filters: number, wasm: string, plugin: EnvoyGatewayOptions["plugin"] = {}, port = upstream.port) {
    const started = await startGatewayFromEnvoyYaml(await guideYaml(filters), {
      ports: { listener_0: 0 },
      addresses: { "httpbin:80": `127.0.0.1:${port}` },
      wasmFiles: { "/etc/envoy/main.wasm": wasm },
      plugin,
    });
    assert.ok(started.ok, started.ok ? "" : started.error);
    return started.gateway;
  }

  /** Writes a fixture plugin where the yaml can load it. */
  async function fixtureFile(name: string, wasm: Uint8Array): Promise<string> {
    const file = join(fixtures, `${name}.wasm`);
    await writeFile(file, wasm);
    return file;
  }

  for (const [label, filters] of [["no wasm filter", 0], ["mock-enable (a pass-through plugin)", 1], ["mock-enable twice in the chain", 2]] as const) {
    it(`the upstream gets the first chunk of a slow client's body before the client sent the rest: ${label}`, async () => {
      const started = await gateway(filters, MOCK_ENABLE);
      try {
        const client = slowClient(started.url, "first", "-rest");
        const received = await upstream.next();
        await received.firstChunk;
        assert.deepEqual(received.chunks, ["first"], "nothing else was sent yet");
        client.sendRest();
        assert.deepEqual(await client.response, { status: 200, body: "first-rest" });
        assert.equal(await received.completed, true);
        assert.equal(received.chunks.join(""), "first-rest");
        assert.equal(received.headers["content-length"], "10", "the client's content-length is kept: no plugin changed the body");
      } finally {
        await started.close();
      }
    });
  }

  for (const [label, filters] of [["no wasm filter", 0], ["mock-enable", 1]] as const) {
    it(`the response streams back the same way: the client gets the first chunk before the upstream sent the rest: ${label}`, async () => {
      let clientGotFirst!: () => void;
      const firstArrived = new Promise<void>((resolve) => (clientGotFirst = resolve));
      const slowUpstream = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          res.writeHead(200, { "content-length": "10" });
          res.write("first");
          void firstArrived.then(() => res.end("-rest"));
        });
      });
      slowUpstream.listen(0, "127.0.0.1");
      await once(slowUpstream, "listening");
      const started = await gateway(filters, MOCK_ENABLE, {}, (slowUpstream.address() as AddressInfo).port);
      try {
        const res = await fetch(`${started.url}/get`);
        const reader = res.body!.getReader();
        const first = await reader.read();
        assert.equal(decoder.decode(first.value), "first");
        clientGotFirst();
        let rest = "";
        for (let next = await reader.read(); !next.done; next = await reader.read()) rest += decoder.decode(next.value);
        assert.equal(rest, "-rest");
      } finally {
        await started.close();
        slowUpstream.closeAllConnections();
        slowUpstream.close();
      }
    });
  }

  it("a plugin that buffers the request body until its end sends it upstream at once, after the client's last chunk", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`(func (export "proxy_on_request_body") (param i32 i32) (param $eos i32) (result i32)
      (call $say ${p.str("body")})
      (if (result i32) (local.get $eos) (then (i32.const 0)) (else (i32.const 1))))`);
    let sawFirst!: () => void;
    const firstSeen = new Promise<void>((resolve) => (sawFirst = resolve));
    const started = await gateway(1, await fixtureFile("buffering", wasm), { printLogs: (line) => line.endsWith(": body") && sawFirst() });
    try {
      const client = slowClient(started.url, "first", "-rest");
      await firstSeen;
      client.sendRest();
      assert.deepEqual(await client.response, { status: 200, body: "first-rest" });
      const received = await upstream.next();
      assert.equal(await received.completed, true);
      assert.deepEqual(received.chunks, ["first-rest"], "one write of the whole body");
      assert.equal(received.headers["content-length"], "10");
    } finally {
      await started.close();
    }
  });

  it("a local reply after the upstream request started resets it", async () => {
    const p = new FixturePlugin();
    const wasm = p.build(`
      (global $bodies (mut i32) (i32.const 0))
      (func (export "proxy_on_request_body") (param i32 i32 i32) (result i32)
        (global.set $bodies (i32.add (global.get $bodies) (i32.const 1)))
        (if (i32.eq (global.get $bodies) (i32.const 2))
          (then (drop (call $proxy_send_local_response (i32.const 403) ${p.str("denied_midway")} ${p.str("denied")} ${p.str("")} (i32.const -1)))))
        (i32.const 0))`);
    const started = await gateway(1, await fixtureFile("deny-second-chunk", wasm));
    try {
      const client = slowClient(started.url, "first", "-rest");
      const received = await upstream.next();
      await received.firstChunk;
      client.sendRest();
      assert.deepEqual(await client.response, { status: 403, body: "denied" });
      assert.equal(await received.completed, false, "the upstream request was reset before its end");
      assert.deepEqual(received.chunks, ["first"]);
    } finally {
      await started.close();
    }
  });
});

describe("request streaming through PluginHost.request with a StreamingUpstream", HANG_GUARD, () => {
  /** A body that yields `first`, then `rest` only once `gate` settles. */
  async function* gatedBody(first: string, gate: Promise<void>, rest: string): AsyncGenerator<Uint8Array> {
    yield encoder.encode(first);
    await gate;
    yield encoder.encode(rest);
  }

  it("starts the upstream at the request headers and hands it each chunk as the filter releases it, then the trailers", async () => {
    const host = await startPlugin(new FixturePlugin().build(""));
    let gotFirst!: () => void;
    const first = new Promise<void>((resolve) => (gotFirst = resolve));
    const seen: string[] = [];
    let request: UpstreamRequestStream | undefined;
    const upstream: StreamingUpstream = {
      async start(forwarded) {
        request = forwarded;
        for await (const chunk of forwarded.body) {
          seen.push(decoder.decode(chunk));
          gotFirst();
        }
        return { status: 200, body: seen.join("|") };
      },
    };
    const response = await host.request({ method: "POST", path: "/", body: gatedBody("a", first, "b"), trailers: { t: "1" } }, { upstream });
    assert.equal(response.text(), "a|b", "the upstream read chunk a before the client produced chunk b");
    assert.equal(request?.endOfStream, false);
    assert.deepEqual(request?.trailers(), [["t", "1"]]);
    assert.equal(request?.signal.aborted, false);
    assert.equal(decoder.decode(response.upstreamRequest?.body), "ab");
  });

  it("marks a request without a body as ended with its headers", async () => {
    const host = await startPlugin(new FixturePlugin().build(""));
    let endOfStream: boolean | undefined;
    const response = await host.request({ method: "GET", path: "/" }, { upstream: { start: (forwarded) => ((endOfStream = forwarded.endOfStream), { status: 204 }) } });
    assert.equal(response.status, 204);
    assert.equal(endOfStream, true);
  });

  it("resets the upstream request on a local reply after it started: its signal aborts and its body stops with an error", async () => {
    const p = new FixturePlugin();
    const host = await startPlugin(p.build(`(func (export "proxy_on_request_body") (param i32 i32 i32) (result i32)
      (drop (call $proxy_send_local_response (i32.const 403) ${p.str("denied_in_body")} ${p.str("denied")} ${p.str("")} (i32.const -1)))
      (i32.const 0))`));
    let started!: () => void;
    const upstreamStarted = new Promise<void>((resolve) => (started = resolve));
    let bodyError: unknown;
    let signal: AbortSignal | undefined;
    const upstream: StreamingUpstream = {
      async start(forwarded) {
        signal = forwarded.signal;
        started();
        try {
          for await (const chunk of forwarded.body) void chunk;
        } catch (error) {
          bodyError = error;
        }
        return { status: 200 };
      },
    };
    const response = await host.request({ method: "POST", path: "/", body: gatedBody("", upstreamStarted, "payload") }, { upstream });
    assert.equal(response.status, 403);
    assert.equal(response.upstreamRequest, undefined, "the request never reached the upstream whole");
    assert.equal(signal?.aborted, true);
    assert.ok(bodyError instanceof Error);
  });
});
