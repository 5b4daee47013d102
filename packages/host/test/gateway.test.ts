import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { startGateway, type Gateway } from "../src/index.js";
import { FixturePlugin } from "./fixtures/plugins.js";
import { startPlugin } from "./helpers.js";

/** What the upstream saw of the last request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** Sends a request through the gateway and reads the whole answer. */
async function send(url: string, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const req = request(new URL(path, url), { method, headers });
  req.end(body);
  const [res] = (await once(req, "response")) as [IncomingMessage];
  let text = "";
  for await (const chunk of res) text += chunk;
  return { status: res.statusCode, headers: res.headers, body: text };
}

describe("local gateway", () => {
  let upstreamUrl = "";
  let seen: Seen | undefined;
  let releaseSecondChunk: () => void = () => {};
  const upstream = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
    if (req.url === "/stream") {
      res.writeHead(200);
      res.write("first;");
      await new Promise<void>((resolve) => (releaseSecondChunk = resolve));
      res.end("second");
      return;
    }
    res.writeHead(200, { "content-type": "text/plain", "x-upstream": "yes", connection: "keep-alive" });
    res.write("from ");
    res.end("upstream");
  });
  let gateway: Gateway;

  before(async () => {
    upstream.listen(0, "127.0.0.1");
    await once(upstream, "listening");
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const p = new FixturePlugin();
    const wasm = p.build(`
      (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
        (if (i32.eqz (call $proxy_get_header_map_value (i32.const 0) ${p.str("x-deny")} (i32.const 256) (i32.const 260)))
          (then (drop (call $proxy_send_local_response (i32.const 401) ${p.str("denied")} ${p.str("no entry")} ${p.str("")} (i32.const -1)))))
        (drop (call $proxy_add_header_map_value (i32.const 0) ${p.str("x-plugin")} ${p.str("seen")}))
        ;; the body grows below, so the client's length no longer holds (Envoy forwards content-length as it is)
        (drop (call $proxy_remove_header_map_value (i32.const 0) ${p.str("content-length")}))
        (i32.const 0))
      (func (export "proxy_on_request_body") (param i32 i32) (param $eos i32) (result i32)
        (if (result i32) (local.get $eos)
          (then (drop (call $proxy_set_buffer_bytes (i32.const 0) (i32.const -1) (i32.const 0) ${p.str("+wasm")})) (i32.const 0))
          (else (i32.const 1))))
      (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
        (drop (call $proxy_replace_header_map_value (i32.const 2) ${p.str("x-response")} ${p.str("filtered")}))
        (i32.const 0))`);
    const host = await startPlugin(wasm);
    gateway = await startGateway({ host, upstream: upstreamUrl });
  });

  after(async () => {
    await gateway.close();
    upstream.close();
    await once(upstream, "close");
  });

  it("forwards filtered requests to a real upstream and filters its answer", async () => {
    const response = await send(gateway.url, "POST", "/echo?q=1", "client body", { "x-client": "c" });
    assert.equal(response.status, 200);
    assert.equal(response.body, "from upstream");
    assert.equal(response.headers["x-upstream"], "yes");
    assert.equal(response.headers["x-response"], "filtered");
    assert.equal(seen?.method, "POST");
    assert.equal(seen?.url, "/echo?q=1");
    assert.equal(seen?.body, "client body+wasm");
    assert.equal(seen?.headers["x-plugin"], "seen");
    assert.equal(seen?.headers["x-client"], "c");
    assert.equal(seen?.headers["host"], new URL(gateway.url).host, ":authority becomes host");
    assert.match(String(seen?.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
  });

  it("streams the response to the client chunk by chunk", { timeout: 10_000 }, async () => {
    const req = request(new URL("/stream", gateway.url), { method: "POST" });
    req.end("buffered by the plugin");
    const [res] = (await once(req, "response")) as [IncomingMessage];
    const chunks: string[] = [];
    for await (const chunk of res) {
      chunks.push(String(chunk));
      if (chunks.length === 1) releaseSecondChunk();
    }
    assert.deepEqual(chunks, ["first;", "second"], "the first chunk arrives before the upstream sends the second");
  });

  it("answers the plugin's local reply without reaching the upstream", async () => {
    seen = undefined;
    const response = await send(gateway.url, "GET", "/", undefined, { "x-deny": "1" });
    assert.equal(response.status, 401);
    assert.equal(response.body, "no entry");
    assert.equal(response.headers["content-type"], "text/plain");
    assert.equal(seen, undefined);
  });
});
