// Each raw twin behaves as its SDK plugin in every run of the table (so the SDK/raw ratio compares like with
// like), and the lean driver reports what each request came out as.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LONG_RUN_MIX, ONE_REQUEST } from "../src/mixes.js";
import { startLean, subject } from "../src/measure/subject.js";
import { PLUGINS, sdkModule, twinModule } from "../src/plugins.js";

const decoder = new TextDecoder();

for (const plugin of PLUGINS.filter((p) => p.hasTwin)) {
  for (const run of plugin.runs) {
    test(`${plugin.name}, ${run.label}: the raw twin answers every request as the SDK build does`, () => {
      const sdk = startLean(subject(sdkModule(plugin), run));
      const raw = startLean(subject(twinModule(plugin), run));
      for (const request of [ONE_REQUEST, ...LONG_RUN_MIX]) {
        const [a, b] = [sdk.request(request), raw.request(request)];
        assert.equal(run.check(a), undefined);
        assert.equal(run.check(b), undefined);
        assert.deepEqual(
          [b.status, b.upstreamReached, b.requestHeaders.get("hello"), decoder.decode(b.localReply?.body ?? new Uint8Array())],
          [a.status, a.upstreamReached, a.requestHeaders.get("hello"), decoder.decode(a.localReply?.body ?? new Uint8Array())],
        );
      }
    });
  }
}
