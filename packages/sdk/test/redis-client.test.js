// The SDK's Redis client through the local host against a real redis-server, with the redis-client fixture: every
// command sends exactly the Go client's argument list (reference §4.2) and its reply reaches the callback.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { headerValue, startRedis } from "@higress-ts/host";
import { buildPlugin, load } from "./build-plugin.js";

const fixture = fileURLToPath(new URL("./fixtures/redis-client", import.meta.url));
const CLUSTER = "outbound|6379||redis.dns";
let wasm;
let redis;

before(async () => {
  wasm = buildPlugin(fixture, "0.2.100");
  redis = await startRedis();
});
after(() => redis.stop());

/** The RESP array of bulk strings the Go client writes for `args`. */
const resp = (...args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;

// [fixture path, the arguments sent, reply type, reply.string()], in an order that builds the data each needs.
const COMMANDS = [
  ["command", ["hset", "h", "f", "v"], ":", "1"],
  ["eval", ["eval", "return {KEYS[1],ARGV[1]}", "1", "k", "a"], "*", "[k a]"],
  ["set", ["set", "k", "1"], "+", "OK"],
  ["get", ["get", "k"], "$", "1"],
  ["exists", ["exists", "k"], ":", "1"],
  ["expire", ["expire", "k", "60"], ":", "1"],
  ["persist", ["persist", "k"], ":", "1"],
  ["del", ["del", "k"], ":", "1"],
  ["setEx", ["set", "k", "v", "ex", "10"], "+", "OK"],
  ["setNX", ["set", "n", "v", "nx"], "+", "OK"],
  ["setNXttl", ["set", "n", "v", "nx", "ex", "5"], "$", ""],
  ["mget", ["mget", "k", "n"], "*", "[v v]"],
  ["mset", ["mset", "a", "1", "b", "2"], "+", "OK"],
  ["incr", ["incr", "i"], ":", "1"],
  ["decr", ["decr", "i"], ":", "0"],
  ["incrBy", ["incrby", "i", "5"], ":", "5"],
  ["decrBy", ["decrby", "i", "-7"], ":", "12"],
  ["lLen", ["llen", "l"], ":", "0"],
  ["rPush", ["rpush", "l", "x", "y"], ":", "2"],
  ["lPush", ["lpush", "l", "w"], ":", "3"],
  ["lIndex", ["lindex", "l", "0"], "$", "w"],
  ["lRange", ["lrange", "l", "0", "-1"], "*", "[w x y]"],
  ["lRem", ["lrem", "l", "1", "x"], ":", "1"],
  ["lInsertBefore", ["linsert", "l", "before", "y", "p"], ":", "3"],
  ["lInsertAfter", ["linsert", "l", "after", "y", "q"], ":", "4"],
  ["rPop", ["rpop", "l"], "$", "q"],
  ["lPop", ["lpop", "l"], "$", "w"],
  ["hExists", ["hexists", "h", "f"], ":", "1"],
  ["hSet", ["hset", "h", "f", "1"], ":", "0"],
  ["hGet", ["hget", "h", "f"], "$", "1"],
  ["hMSet", ["hmset", "h", "g", "2", "e", "3"], "+", "OK"],
  ["hLen", ["hlen", "h"], ":", "3"],
  ["hMGet", ["hmget", "h", "f", "g"], "*", "[1 2]"],
  ["hKeys", ["hkeys", "h"], "*", "[f g e]"],
  ["hVals", ["hvals", "h"], "*", "[1 2 3]"],
  ["hGetAll", ["hgetall", "h"], "*", "[f 1 g 2 e 3]"],
  ["hIncrBy", ["hincrby", "h", "f", "2"], ":", "3"],
  ["hIncrByFloat", ["hincrbyfloat", "h", "f", "0.5"], "$", "3.5"],
  ["hDel", ["hdel", "h", "f", "g"], ":", "2"],
  ["sAdd", ["sadd", "s", "a", "b", "c"], ":", "3"],
  ["sRem", ["srem", "s", "c"], ":", "1"],
  ["sCard", ["scard", "s"], ":", "2"],
  ["sIsMember", ["sismember", "s", "a"], ":", "1"],
  ["sMembers", ["smembers", "t"], "*", "[]"],
  ["sDiff", ["sdiff", "s", "t"], "*", "[a b]"],
  ["sDiffStore", ["sdiffstore", "d", "s", "t"], ":", "2"],
  ["sInter", ["sinter", "s", "t"], "*", "[]"],
  ["sInterStore", ["sinterstore", "d", "s", "t"], ":", "0"],
  ["sUnion", ["sunion", "s", "t"], "*", "[a b]"],
  ["sUnionStore", ["sunionstore", "d", "s", "t"], ":", "2"],
  ["zAdd", ["zadd", "z", "1", "m1", "2.5", "m2"], ":", "2"],
  ["zCard", ["zcard", "z"], ":", "2"],
  ["zCount", ["zcount", "z", "-inf", "(2.5"], ":", "1"],
  ["zIncrBy", ["zincrby", "z", "3", "m1"], "$", "4"],
  ["zScore", ["zscore", "z", "m1"], "$", "4"],
  ["zRank", ["zrank", "z", "m1"], ":", "1"],
  ["zRevRank", ["zrevrank", "z", "m1"], ":", "0"],
  ["zRange", ["zrange", "z", "0", "-1"], "*", "[m2 m1]"],
  ["zRevRange", ["zrevrange", "z", "0", "-1"], "*", "[m1 m2]"],
  ["zRem", ["zrem", "z", "m2"], ":", "1"],
  ["redisCall", ["ping"], "+", "PONG"],
];

/** A set reply's members in a fixed order (Redis does not order them). */
const sortedSet = (text) => `[${text.slice(1, -1).split(" ").filter(Boolean).sort().join(" ")}]`;

describe("the Redis client against a real redis-server", () => {
  it("sends every command with the Go client's argument list and hands its reply to the callback", async () => {
    const upstreams = [{ name: CLUSTER, endpoints: [{ host: "127.0.0.1", port: redis.port }] }];
    const outcome = await load(wasm, "redis-client", "{}", { upstreams });
    assert.equal(outcome.ok, true, outcome.error);
    const host = outcome.host;
    for (const [path, args, type, reply] of COMMANDS) {
      const response = await host.request({ method: "GET", path: `/${path}` });
      const sent = host.services.calloutLog.redis.at(-1);
      assert.equal(sent.cluster, CLUSTER, path);
      assert.equal(new TextDecoder().decode(sent.query), resp(...args), path);
      const got = headerValue(response.headers, "x-reply");
      assert.deepEqual(
        [response.status, headerValue(response.headers, "x-type"), type === "*" && path.startsWith("s") ? sortedSet(got) : got],
        [200, type, reply],
        path,
      );
      assert.equal(headerValue(response.headers, "x-ready"), "true");
    }
    assert.equal(host.services.calloutLog.redis.length, COMMANDS.length);
  });

  it("a client never initialised refuses every command at once, as Go does, and sends nothing", async () => {
    const outcome = await load(wasm, "redis-client", "{}", { upstreams: [] });
    const host = outcome.host;
    const response = await host.request({ method: "GET", path: "/idle/get" });
    assert.deepEqual([response.status, response.text()], [500, "redis client is not ready, please call Init() first"]);
    assert.equal(host.services.calloutLog.redis.length, 0);
  });

  it("an init the host refuses is logged, retried at each command, and the command's error returned", async () => {
    const outcome = await load(wasm, "redis-client", '{"database": 2, "disableBuffer": true}', { upstreams: [] });
    assert.ok(outcome.logs.some((r) => r.message.endsWith(
      'failed to init redis: redis init of "outbound|6379||redis.dns?db=2&buffer_flush_timeout=0&' +
        'max_buffer_size_before_flush=0" failed: status 2, will retry later',
    )));
    const response = await outcome.host.request({ method: "GET", path: "/get" });
    assert.equal(response.status, 500);
    assert.match(response.text(), /^redis init of "outbound\|6379\|\|redis\.dns\?db=2&.*" failed: status 2$/);
  });
});
