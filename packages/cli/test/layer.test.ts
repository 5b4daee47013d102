// The image layer's bytes depend only on the module: pinned digests for a fixed module, so a machine whose
// compression differed (another zlib, another compressor version) fails here instead of publishing other digests.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { pluginLayer } from "../src/oci/layer.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** 4 KiB that start like a wasm module and vary enough to exercise the compressor. */
function fixedModule(): Uint8Array {
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 7)) & 0xff;
  bytes.set([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  return bytes;
}

test("a fixed module gives the same tar and gzip layer digests on every machine", async () => {
  const layer = await pluginLayer(fixedModule(), new Date(0));
  assert.equal(sha256(layer.tar), "0a19cecc2ae3f45bea0d16e602e25cfabc0db3cccaacbf6761cc7de8f187024e");
  assert.equal(sha256(layer.gzip), "9f1ec6b7d820b4064964f98eefac32168c8e320f6c9b35f2d39c42644784d3de");
  assert.ok(gunzipSync(layer.gzip).equals(layer.tar), "any gzip reader gets the tar back");
  assert.deepEqual([...layer.gzip.subarray(3, 8)], [0, 0, 0, 0, 0], "no file name, modification time 0");
});
