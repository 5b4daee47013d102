import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, runCliAsync } from "./cli-harness.js";
import { makePlugin, scratchDir } from "./plugin-fixture.js";
import { startRegistry, type Registry } from "./registry-fixture.js";


const sha256 = (bytes: Buffer) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const USER = { username: "plugin-author", password: "s3cret-pass" };

let plugin: string;
let wasm: Buffer;
let open: Registry;
let guarded: Registry;

before(async () => {
  plugin = makePlugin({ packageJson: { name: "tiny", version: "0.3.0" } });
  assert.equal(runCli(["build", plugin]).status, 0);
  wasm = readFileSync(join(plugin, "build", "main.wasm"));
  [open, guarded] = await Promise.all([startRegistry(), startRegistry(USER)]);
});

after(async () => {
  await Promise.all([open?.stop(), guarded?.stop()]);
});

/** Fetches a manifest and its blobs back from the registry, checking each blob against its digest. */
async function pullBack(host: string, repository: string, tag: string, authorization?: string) {
  const headers = { accept: "application/vnd.oci.image.manifest.v1+json", ...(authorization ? { authorization } : {}) };
  const response = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, { headers });
  assert.equal(response.status, 200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const manifest = JSON.parse(bytes.toString());
  const blobs = new Map<string, Buffer>();
  for (const { digest } of [manifest.config, ...manifest.layers]) {
    const blob = Buffer.from(await (await fetch(`http://${host}/v2/${repository}/blobs/${digest}`, { headers })).arrayBuffer());
    assert.equal(sha256(blob), digest);
    blobs.set(digest, blob);
  }
  return { digest: sha256(bytes), manifest, blobs };
}

describe("higress-ts push", () => {
  it("pushes the image package builds (same digest) to a real registry, which gives the same bytes back", async () => {
    const packaged = runCli(["package", plugin]);
    const packagedDigest = /@(sha256:[0-9a-f]{64})\n/.exec(packaged.stdout)![1];
    const run = await runCliAsync(["push", "--insecure", `${open.host}/plugins/tiny:0.3.0`, plugin]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\[2\/3\] uploading 2 blobs to 127\.0\.0\.1:\d+\/plugins\/tiny\n(      sha256:[0-9a-f]{64}  [\d,]+ bytes  uploaded\n){2}/);
    assert.match(run.stdout, new RegExp(`\npushed ${open.host}/plugins/tiny:0\\.3\\.0@${packagedDigest}\n$`));
    const pulled = await pullBack(open.host, "plugins/tiny", "0.3.0");
    assert.equal(pulled.digest, packagedDigest);

    const again = await runCliAsync(["push", "--insecure", `${open.host}/plugins/tiny:again`, plugin]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout.match(/  already there\n/g)?.length, 2);
  });

  it("pushes the Wasm artifact form, which skopeo copies back with the same module bytes", async () => {
    const run = await runCliAsync(["push", "--insecure", "--format", "wasm", `${open.host}/plugins/tiny-wasm:0.3.0`, plugin]);
    assert.equal(run.status, 0, run.stderr);
    const pulled = await pullBack(open.host, "plugins/tiny-wasm", "0.3.0");
    assert.ok(pulled.blobs.get(pulled.manifest.layers[1].digest)!.equals(wasm));
    const copy = scratchDir("skopeo");
    const copied = spawnSync("skopeo", ["copy", "--src-tls-verify=false", `docker://${open.host}/plugins/tiny-wasm:0.3.0`, `oci:${copy}:0.3.0`], { encoding: "utf8" });
    assert.equal(copied.status, 0, copied.stderr);
    assert.ok(readFileSync(join(copy, "blobs", "sha256", pulled.manifest.layers[1].digest.slice(7))).equals(wasm));
  });

  it("logs in with basic auth when the registry asks, and says how to log in when no credentials are given", async () => {
    const denied = await runCliAsync(["push", "--insecure", `${guarded.host}/plugins/tiny:0.3.0`, plugin]);
    assert.equal(denied.status, 1);
    assert.equal(denied.stderr, `error: ${guarded.host} requires a login\n  Pass --username and --password (or set HIGRESS_TS_USERNAME and HIGRESS_TS_PASSWORD).\n`);
    const wrong = await runCliAsync(["push", "--insecure", "--username", USER.username, "--password", "wrong", `${guarded.host}/plugins/tiny:0.3.0`, plugin]);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /answered 401 Unauthorized .*when checking blob/);
    const run = await runCliAsync(["push", "--insecure", `${guarded.host}/plugins/tiny:0.3.0`, plugin],
      { HIGRESS_TS_USERNAME: USER.username, HIGRESS_TS_PASSWORD: USER.password });
    assert.equal(run.status, 0, run.stderr);
    const basic = `Basic ${Buffer.from(`${USER.username}:${USER.password}`).toString("base64")}`;
    const pulled = await pullBack(guarded.host, "plugins/tiny", "0.3.0", basic);
    assert.match(run.stdout, new RegExp(`@${pulled.digest}\n$`));
  });

  it("uses https unless --insecure, and names the fix when the registry speaks plain http", async () => {
    const run = await runCliAsync(["push", `${open.host}/plugins/tiny:0.3.0`, plugin]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`^error: cannot reach https://${open.host.replace(/\./g, "\\.")}: .+\n  Check the registry address; for a registry that serves plain http, pass --insecure\\.\n$`));
  });

  it("refuses a reference that is not one", async () => {
    const run = await runCliAsync(["push", "Not A Ref", plugin]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^error: "Not A Ref" is not an image reference\n  Write it as <registry>\/<repository>:<tag>/);
  });
});
