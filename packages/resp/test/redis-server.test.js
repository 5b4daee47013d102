// The AssemblyScript decoder against a real redis-server: each reply type Redis sends, decoded from the bytes as
// they arrive on the socket (test/server/decoder.ts, compiled here with asc's ESM bindings).
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import { startRedis } from "@higress-ts/host";
import { compileWithBindings } from "./compile-bindings.js";

let decoder;
let redis;
let socket;
/** Settles the command waiting for its reply with the decoder's summary. */
let answer;

before(async () => {
  decoder = await compileWithBindings("test/server/decoder.ts", "decoder");
  redis = await startRedis();
  socket = connect({ host: "127.0.0.1", port: redis.port });
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.on("data", (chunk) => {
    const summary = decoder.feed(new Uint8Array(chunk));
    if (summary !== "") answer(summary);
  });
});

after(async () => {
  socket.destroy();
  await redis.stop();
});

/** Sends one command (RESP array of bulk strings) and resolves with the decoded reply's summary. */
function ask(...args) {
  const parts = args.map((arg) => {
    const bytes = Buffer.from(arg);
    return Buffer.concat([Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from("\r\n")]);
  });
  return new Promise((resolve) => {
    answer = resolve;
    socket.write(Buffer.concat([Buffer.from(`*${args.length}\r\n`), ...parts]));
  });
}

/** Asks, checks the summary, and that the reply ended exactly where the server's bytes did. */
async function expectReply(args, summary) {
  assert.equal(await ask(...args), summary, args.join(" "));
  assert.equal(decoder.pending(), 0, args.join(" "));
}

describe("replies of a real redis-server, decoded by the AssemblyScript reader", () => {
  it("simple strings, errors and integers", async () => {
    await expectReply(["PING"], "+PONG");
    await expectReply(["SET", "k", "v"], "+OK");
    await expectReply(["INCR", "n"], ":1");
    await expectReply(["INCRBY", "n", "-9223372036854775807"], ":-9223372036854775806");
    await expectReply(["INCR", "k"], "-ERR value is not an integer or out of range");
  });

  it("bulk strings: text, empty, binary, null, and one bigger than a socket read", async () => {
    await expectReply(["GET", "k"], "$v");
    await expectReply(["SET", "e", ""], "+OK");
    await expectReply(["GET", "e"], "$");
    await expectReply(["SET", "b", "\u0000\r\n\u0001"], "+OK");
    await expectReply(["GET", "b"], "$\\x00\\r\\n\\x01");
    await expectReply(["GET", "missing"], "$nil");
    const big = "x".repeat(100_000);
    await expectReply(["SET", "big", big], "+OK");
    await expectReply(["GET", "big"], `$${big}`);
  });

  it("arrays: flat, empty, null, nested, and of mixed types", async () => {
    await expectReply(["RPUSH", "l", "a", "b", "c"], ":3");
    await expectReply(["LRANGE", "l", "0", "-1"], "*[$a,$b,$c]");
    await expectReply(["LRANGE", "none", "0", "-1"], "*[]");
    await expectReply(["BLPOP", "none", "0.01"], "*nil");
    await expectReply(["EVAL", "return {1,{2,'x'},redis.error_reply('E bad'),false}", "0"], "*[:1,*[:2,$x],-E bad,$nil]");
    await expectReply(["HSET", "h", "f", "1"], ":1");
    await expectReply(["HGETALL", "h"], "*[$f,$1]");
    await expectReply(["MGET", "k", "missing", "n"], "*[$v,$nil,$-9223372036854775806]");
  });
});
