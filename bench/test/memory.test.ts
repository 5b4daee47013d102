// Guard: 100,000 requests of the long-run mix (bodies, callouts answered by the plugin's clusters) grow no
// linear memory after a 1,000-request warm-up, for every module and run of the table. Pages, not time.
import assert from "node:assert/strict";
import { test } from "node:test";
import { measureMemory } from "../src/measure/memory.js";
import { subject } from "../src/measure/subject.js";
import { allModules, EMPTY_FILTER_RUN } from "../src/plugins.js";

const WARMUP = 1_000;
const REQUESTS = 100_000;

for (const m of allModules()) {
  for (const run of m.plugin?.runs ?? [EMPTY_FILTER_RUN]) {
    const s = subject(m, run);
    test(`${s.label}: no page of growth from ${WARMUP.toLocaleString("en")} to ${REQUESTS.toLocaleString("en")} requests`, () => {
      const { checkpoints } = measureMemory(s, [WARMUP, REQUESTS]);
      const [[, afterWarmup], [, atEnd]] = checkpoints as [[number, number], [number, number]];
      assert.equal(atEnd, afterWarmup, `${s.label}: ${afterWarmup} pages after warm-up, ${atEnd} after ${REQUESTS} requests`);
    });
  }
}
