// redis-qpm's build/main.wasm (build it first: `pnpm build`) in the local host, against a real redis-server.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, it } from "node:test";
import { freePort, headerValue, PluginHost, startRedis } from "@higress-ts/host";

const wasm = readFileSync(new URL("../build/main.wasm", import.meta.url));
const CLUSTER = "outbound|6379||redis.dns";
const run = promisify(execFile);

/** Runs one command with redis-cli (the real client) and returns its raw output, trimmed. */
async function redisCli(port, ...args) {
  const { stdout } = await run("redis-cli", ["-p", String(port), "--no-auth-warning", ...args]);
  return stdout.trim();
}

/** Starts the plugin with `config`, its Redis cluster at `port`; asserts that it started. */
async function start(port, config) {
  const configuration = JSON.stringify({ serviceName: "redis.dns", ...config });
  const upstreams = [{ name: CLUSTER, endpoints: [{ host: "127.0.0.1", port }] }];
  const outcome = await PluginHost.load(wasm, { name: "redis-qpm", configuration, upstreams });
  assert.equal(outcome.ok, true, outcome.ok ? "" : outcome.error);
  return outcome.host;
}

/** One request: its status, the quota headers (from the upstream's answer or the local reply) and body. */
async function send(host) {
  const response = await host.request({ method: "GET", path: "/" });
  return {
    status: response.status,
    timeStamp: headerValue(response.headers, "timestamp"),
    callTimeLeft: headerValue(response.headers, "calltimeleft"),
    upstream: response.upstreamRequest !== undefined,
    body: response.text(),
    logs: response.logs.filter((r) => r.source === "plugin").map((r) => r.message),
  };
}

/**
 * Sends requests one by one until one minute window has seen `qpm + 2` of them, and checks each window: its
 * k-th request passes with `callTimeLeft` qpm - k while k <= qpm, and is answered 429 after.
 */
async function checkQuota(host, qpm) {
  const windows = new Map();
  for (;;) {
    const response = await send(host);
    assert.ok(response.timeStamp, "every answer carries timeStamp");
    const k = (windows.get(response.timeStamp) ?? 0) + 1;
    windows.set(response.timeStamp, k);
    if (k <= qpm) {
      assert.deepEqual([response.status, response.upstream, response.callTimeLeft], [200, true, String(qpm - k)], `request ${k}`);
    } else {
      assert.deepEqual([response.status, response.upstream, response.callTimeLeft], [429, false, "0"], `request ${k}`);
      assert.equal(response.body, "Too many requests\n");
    }
    if (k === qpm + 2) return response.timeStamp;
  }
}

describe("the quota against a real redis-server", () => {
  it("answers 429 exactly after qpm requests in a minute; the minute's key expires within 60 s", async () => {
    const redis = await startRedis();
    try {
      const host = await start(redis.port, { qpm: 3 });
      const timeStamp = await checkQuota(host, 3);
      assert.equal(Number(timeStamp) % 60, 0, "the key is the minute-aligned Unix time");
      assert.equal(await redisCli(redis.port, "GET", timeStamp), "5");
      const ttl = Number(await redisCli(redis.port, "TTL", timeStamp));
      assert.ok(ttl > 0 && ttl <= 60, `TTL ${ttl}`);
    } finally {
      await redis.stop();
    }
  });

  it("counts in the configured database", async () => {
    const redis = await startRedis();
    try {
      const host = await start(redis.port, { qpm: 1, database: 2 });
      const { timeStamp } = await send(host);
      assert.equal(await redisCli(redis.port, "-n", "2", "GET", timeStamp), "1");
      assert.equal(await redisCli(redis.port, "DBSIZE"), "0");
    } finally {
      await redis.stop();
    }
  });

  it("1,000 concurrent requests lose no increment", async () => {
    const redis = await startRedis();
    try {
      const host = await start(redis.port, { qpm: 100000 });
      const responses = await Promise.all(Array.from({ length: 1000 }, () => send(host)));
      assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([200]));
      const perMinute = new Map();
      for (const r of responses) perMinute.set(r.timeStamp, (perMinute.get(r.timeStamp) ?? 0) + 1);
      for (const [timeStamp, sent] of perMinute) assert.equal(await redisCli(redis.port, "GET", timeStamp), String(sent));
      const left = responses.map((r) => Number(r.callTimeLeft)).sort((a, b) => b - a);
      assert.equal(new Set(left).size, 1000, "each request saw its own count");
    } finally {
      await redis.stop();
    }
  });
});

describe("a password-protected redis-server", () => {
  it("with the right password (default user, or an ACL user counting in database 1), the quota works", async () => {
    const redis = await startRedis({ password: "s3cret", users: [{ name: "alice", password: "wonder" }] });
    try {
      await checkQuota(await start(redis.port, { qpm: 2, password: "s3cret" }), 2);
      await checkQuota(await start(redis.port, { qpm: 2, username: "alice", password: "wonder", database: 1 }), 2);
    } finally {
      await redis.stop();
    }
  });

  it("with a wrong password, re-initialises once per NOAUTH, then fails open and logs the error", async () => {
    const redis = await startRedis({ password: "s3cret" });
    try {
      const host = await start(redis.port, { qpm: 1, password: "wrong" });
      for (let i = 0; i < 3; i++) {
        const response = await send(host);
        assert.deepEqual([response.status, response.upstream, response.timeStamp], [200, true, undefined]);
        assert.equal(response.logs.length, 1);
        assert.match(response.logs[0], /^\[redis-qpm\] \[nil\] \[[^\]]+\] call redis error: NOAUTH Authentication required/);
      }
      const commands = host.services.calloutLog.redis.map((c) => new TextDecoder().decode(c.query).split("\r\n")[2]);
      assert.deepEqual(commands, ["incr", "incr", "incr", "incr", "incr", "incr"], "each command sent twice");
      assert.equal(await redisCli(redis.port, "-a", "s3cret", "DBSIZE"), "0");
    } finally {
      await redis.stop();
    }
  });
});

describe("failing open", () => {
  it("with Redis stopped, every request goes through and the error is logged", async () => {
    const redis = await startRedis();
    await redis.stop();
    const host = await start(redis.port, { qpm: 1 });
    for (let i = 0; i < 3; i++) {
      const response = await send(host);
      assert.deepEqual([response.status, response.upstream, response.timeStamp], [200, true, undefined]);
      assert.equal(response.logs.length, 2);
      assert.match(response.logs[0], /Error occurred while calling redis, it seems cannot connect to the redis cluster\.$/);
      assert.match(response.logs[1], /call redis error: cannot connect to redis cluster$/);
    }
  });

  it("with a Redis that does not answer within the timeout, the request goes through and the error is logged", async () => {
    const redis = await startRedis();
    try {
      const host = await start(redis.port, { qpm: 1, timeout: 200 });
      await redisCli(redis.port, "CLIENT", "PAUSE", "60000", "WRITE");
      const response = await send(host);
      assert.deepEqual([response.status, response.upstream], [200, true]);
      assert.match(response.logs.at(-1), /call redis error: cannot connect to redis cluster$/);
      await redisCli(redis.port, "CLIENT", "UNPAUSE");
      const next = await send(host);
      assert.deepEqual([next.status, next.callTimeLeft], [200, "0"], "the timed-out INCR went with its connection; a new one counts");
    } finally {
      await redis.stop();
    }
  });

  it("with a Redis service the gateway does not know, logs at start and lets requests through", async () => {
    const port = await freePort("127.0.0.1");
    const host = await start(port, { qpm: 1, serviceName: "other.dns" });
    assert.ok(host.logs.some((r) => r.message.includes("failed to init redis: ") && r.message.endsWith("will retry later")));
    const response = await send(host);
    assert.deepEqual([response.status, response.upstream], [200, true]);
    assert.match(response.logs.at(-1), /Error occured while calling redis, it seems cannot find the redis cluster\.$/);
  });
});
