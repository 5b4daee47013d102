// Guard: every reference plugin's release main.wasm (and its raw twin) stays within issue 9's size target.
import assert from "node:assert/strict";
import { test } from "node:test";
import { moduleSize } from "../src/measure/size.js";
import { allModules } from "../src/plugins.js";

for (const m of allModules().filter((x) => x.plugin !== undefined)) {
  const target = m.plugin!.sizeTargetBytes;
  test(`${m.label}: main.wasm is at most ${target.toLocaleString("en")} bytes`, () => {
    const { raw } = moduleSize(m.file);
    assert.ok(raw <= target, `${m.file} is ${raw.toLocaleString("en")} bytes, ${(raw - target).toLocaleString("en")} over the target`);
  });
}
