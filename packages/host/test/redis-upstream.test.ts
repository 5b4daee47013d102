import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { test } from "node:test";
import { freePort, startRedis } from "../src/local-services/index.js";
import type { RedisCalloutResult } from "../src/services/callouts.js";
import { replyEnd, RespFramingError } from "../src/services/redis-reply-framing.js";
import { parseRedisTarget, RedisUpstream } from "../src/services/redis-upstream.js";
import { clusterResolver } from "../src/services/upstream-clusters.js";

const CLUSTER = "outbound|6379||redis.dns";
const encoder = new TextEncoder();

/** A RESP command of bulk strings, as the SDK sends it. */
function resp(...args: string[]): Uint8Array {
  return encoder.encode(`*${args.length}\r\n${args.map((a) => `$${encoder.encode(a).length}\r\n${a}\r\n`).join("")}`);
}

function text(result: RedisCalloutResult): string {
  assert.equal(result.status, 0);
  return typeof result.response === "string" ? result.response : new TextDecoder().decode(result.response);
}

function upstreamAt(port: number, warnings: string[] = [], connectTimeoutMs?: number): RedisUpstream {
  const resolve = clusterResolver([{ name: CLUSTER, endpoints: [{ host: "127.0.0.1", port }], connectTimeoutMs }]);
  return new RedisUpstream(resolve, (message) => warnings.push(message));
}

/** A TCP server on a free loopback port that hands each connection to `onSocket`. */
async function tcpServer(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const port = await freePort("127.0.0.1");
  const sockets: Socket[] = [];
  const server = createServer((socket) => { sockets.push(socket); onSocket(socket); });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { server, port, sockets };
}

async function stop(listening: { server: Server; sockets: Socket[] }): Promise<void> {
  for (const socket of listening.sockets) socket.destroy();
  await new Promise((resolve) => listening.server.close(resolve));
}

test("replyEnd frames every reply type, needs more for partial input, and rejects what is not RESP", () => {
  const whole = encoder.encode("+OK\r\n-ERR x\r\n:42\r\n$3\r\na\r\n\r\n$-1\r\n*2\r\n$1\r\nx\r\n*1\r\n:1\r\n*-1\r\n*0\r\n");
  const ends: number[] = [];
  for (let start = 0; start < whole.length;) {
    start = replyEnd(whole, start)!;
    ends.push(start);
  }
  assert.deepEqual(ends, [5, 13, 18, 27, 32, 51, 56, 60]);
  for (let cut = 19; cut < 27; cut++) assert.equal(replyEnd(whole.subarray(0, cut), 18), undefined);
  for (const bad of ["?x\r\n", "+OK\n", "$3\r\nabcd\r\n", "*1x\r\n", "$-2\r\n"]) {
    assert.throws(() => replyEnd(encoder.encode(bad), 0), RespFramingError, bad);
  }
});

test("parseRedisTarget reads the database and accepts the SDK's buffer parameters", () => {
  assert.deepEqual(parseRedisTarget(CLUSTER), { cluster: CLUSTER, database: 0 });
  assert.deepEqual(parseRedisTarget(`${CLUSTER}?db=3&buffer_flush_timeout=3&max_buffer_size_before_flush=1024`), {
    cluster: CLUSTER,
    database: 3,
  });
  assert.equal(parseRedisTarget(`${CLUSTER}?db=x`), undefined);
  assert.equal(parseRedisTarget(`${CLUSTER}?pool=2`), undefined);
});

test("init refuses unknown clusters and calls before init; commands reach a real redis-server", async () => {
  const redis = await startRedis();
  const upstream = upstreamAt(redis.port);
  try {
    assert.equal(upstream.init({ cluster: "outbound|1||nope.dns", username: "", password: "", timeoutMs: 1000 }), false);
    assert.equal(upstream.isInitialized(CLUSTER), false);
    assert.ok(upstream.init({ cluster: `${CLUSTER}?buffer_flush_timeout=3`, username: "", password: "", timeoutMs: 1000 }));
    assert.ok(upstream.isInitialized(CLUSTER));
    const replies = await Promise.all([
      upstream.call(CLUSTER, resp("set", "k", "v\r\n")),
      upstream.call(CLUSTER, resp("get", "k")),
      upstream.call(CLUSTER, resp("rpush", "l", "a", "b")),
      upstream.call(CLUSTER, resp("lrange", "l", "0", "-1")),
      upstream.call(CLUSTER, resp("get", "missing")),
      upstream.call(CLUSTER, resp("nosuchcommand")),
    ]);
    const texts = replies.map(text);
    assert.deepEqual(texts.slice(0, 5), ["+OK\r\n", "$3\r\nv\r\n\r\n", ":2\r\n", "*2\r\n$1\r\na\r\n$1\r\nb\r\n", "$-1\r\n"]);
    assert.match(texts[5]!, /^-ERR unknown command 'nosuchcommand'.*\r\n$/);
  } finally {
    upstream.close();
    await redis.stop();
  }
});

test("the database of the init name is selected before the first command", async () => {
  const redis = await startRedis();
  const upstream = upstreamAt(redis.port);
  try {
    upstream.init({ cluster: `${CLUSTER}?db=2`, username: "", password: "", timeoutMs: 1000 });
    assert.equal(text(await upstream.call(CLUSTER, resp("set", "where", "db2"))), "+OK\r\n");
    upstream.init({ cluster: CLUSTER, username: "", password: "", timeoutMs: 1000 });
    assert.equal(text(await upstream.call(CLUSTER, resp("get", "where"))), "$-1\r\n");
    assert.equal(text(await upstream.call(CLUSTER, resp("select", "2"))), "+OK\r\n");
    assert.equal(text(await upstream.call(CLUSTER, resp("get", "where"))), "$3\r\ndb2\r\n");
  } finally {
    upstream.close();
    await redis.stop();
  }
});

test("AUTH with the default user's password or an ACL user; a wrong password leaves commands NOAUTH", async () => {
  const redis = await startRedis({ password: "s3cret", users: [{ name: "alice", password: "wonder" }] });
  const warnings: string[] = [];
  const upstream = upstreamAt(redis.port, warnings);
  try {
    upstream.init({ cluster: CLUSTER, username: "", password: "s3cret", timeoutMs: 1000 });
    assert.equal(text(await upstream.call(CLUSTER, resp("incr", "n"))), ":1\r\n");
    upstream.init({ cluster: CLUSTER, username: "alice", password: "wonder", timeoutMs: 1000 });
    assert.equal(text(await upstream.call(CLUSTER, resp("incr", "n"))), ":2\r\n");
    assert.deepEqual(warnings, []);
    upstream.init({ cluster: CLUSTER, username: "", password: "wrong", timeoutMs: 1000 });
    assert.match(text(await upstream.call(CLUSTER, resp("incr", "n"))), /^-NOAUTH Authentication required/);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /AUTH failed: WRONGPASS/);
  } finally {
    upstream.close();
    await redis.stop();
  }
});

test("a refused connection fails the command with NetworkError", async () => {
  const port = await freePort("127.0.0.1");
  const warnings: string[] = [];
  const upstream = upstreamAt(port, warnings);
  upstream.init({ cluster: CLUSTER, username: "", password: "", timeoutMs: 1000 });
  assert.deepEqual(await upstream.call(CLUSTER, resp("get", "k")), { status: 1 });
  assert.match(warnings[0]!, /ECONNREFUSED/);
});

test("a server that does not answer within the operation timeout fails every waiting command", async () => {
  const silent = await tcpServer(() => undefined);
  const warnings: string[] = [];
  const upstream = upstreamAt(silent.port, warnings);
  try {
    upstream.init({ cluster: CLUSTER, username: "", password: "", timeoutMs: 100 });
    const replies = await Promise.all([upstream.call(CLUSTER, resp("get", "a")), upstream.call(CLUSTER, resp("get", "b"))]);
    assert.deepEqual(replies, [{ status: 1 }, { status: 1 }]);
    assert.deepEqual(warnings, [`redis 127.0.0.1:${silent.port}: operation timeout after 100 ms`]);
  } finally {
    await stop(silent);
  }
});

test("a dropped connection or bytes that are not RESP fail the waiting commands; the next command reconnects", async () => {
  let connections = 0;
  const flaky = await tcpServer((socket) => {
    connections++;
    socket.once("data", () => {
      if (connections === 1) socket.destroy();
      else if (connections === 2) socket.write("HTTP/1.1 400 Bad Request\r\n\r\n");
      else socket.write("+PONG\r\n");
    });
  });
  const upstream = upstreamAt(flaky.port);
  try {
    upstream.init({ cluster: CLUSTER, username: "", password: "", timeoutMs: 1000 });
    assert.deepEqual(await upstream.call(CLUSTER, resp("ping")), { status: 1 });
    assert.deepEqual(await upstream.call(CLUSTER, resp("ping")), { status: 1 });
    assert.equal(text(await upstream.call(CLUSTER, resp("ping"))), "+PONG\r\n");
    assert.equal(connections, 3);
  } finally {
    upstream.close();
    await stop(flaky);
  }
});
