import assert from "node:assert/strict";
import { connect } from "node:net";
import { test } from "node:test";
import { startHttpbin, startRedis } from "../src/local-services/index.js";

/** Sends raw RESP bytes and collects the reply until it holds `expectedLines` CRLF-terminated lines. */
function redisExchange(port: number, payload: string, expectedLines: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => socket.write(payload));
    let data = "";
    socket.on("data", (chunk) => {
      data += chunk.toString();
      if (data.split("\r\n").length - 1 >= expectedLines) { socket.end(); resolve(data); }
    });
    socket.on("error", reject);
  });
}

test("httpbin answers on its loopback port and is gone after stop", async () => {
  const httpbin = await startHttpbin();
  try {
    const response = await fetch(`http://127.0.0.1:${httpbin.port}/get?x=1`, { headers: { Hello: "world" } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { args: Record<string, string>; headers: Record<string, string> };
    assert.equal(body.args.x, "1");
    assert.equal(body.headers.Hello, "world");
  } finally {
    await httpbin.stop();
  }
  await assert.rejects(fetch(`http://127.0.0.1:${httpbin.port}/get`));
});

test("redis-server requires the configured password and serves commands once authenticated", async () => {
  const redis = await startRedis({ password: "s3cret", users: [{ name: "alice", password: "wonder" }] });
  try {
    assert.match(await redisExchange(redis.port, "*1\r\n$4\r\nPING\r\n", 1), /^-NOAUTH/);
    const auth = "*2\r\n$4\r\nAUTH\r\n$6\r\ns3cret\r\n*2\r\n$4\r\nINCR\r\n$1\r\nk\r\n";
    assert.equal(await redisExchange(redis.port, auth, 2), "+OK\r\n:1\r\n");
    const user = "*3\r\n$4\r\nAUTH\r\n$5\r\nalice\r\n$6\r\nwonder\r\n*2\r\n$4\r\nINCR\r\n$1\r\nk\r\n";
    assert.equal(await redisExchange(redis.port, user, 2), "+OK\r\n:2\r\n");
  } finally {
    await redis.stop();
  }
});

test("a service whose command is missing fails with what to install", async () => {
  const { startService } = await import("../src/local-services/service-process.js");
  await assert.rejects(
    startService({ name: "nothing", command: "/nonexistent/bin", args: [], hostname: "127.0.0.1", port: 1, installHint: "Install it with: x" }),
    /cannot start nothing \(\/nonexistent\/bin\).*Install it with: x/,
  );
});
