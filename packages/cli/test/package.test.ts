import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import { extract } from "tar-stream";
import { runCli } from "./cli-harness.js";
import { makePlugin } from "./plugin-fixture.js";

interface TarEntry {
  readonly name: string;
  readonly uid?: number;
  readonly gid?: number;
  readonly uname?: string;
  readonly gname?: string;
  readonly mtime?: Date;
  readonly bytes: Buffer;
}

async function untar(bytes: Buffer): Promise<TarEntry[]> {
  const reader = extract();
  const entries: TarEntry[] = [];
  const done = (async () => {
    for await (const entry of reader) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      entries.push({ ...entry.header, bytes: Buffer.concat(chunks) });
    }
  })();
  reader.end(bytes);
  await done;
  return entries;
}

const sha256 = (bytes: Buffer) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

let plugin: string;
let wasm: Buffer;

before(() => {
  plugin = makePlugin({ packageJson: { name: "@acme/plugin-tiny", version: "1.2.3", private: true } });
  assert.equal(runCli(["build", plugin]).status, 0);
  wasm = readFileSync(join(plugin, "build", "main.wasm"));
});

describe("higress-ts package", () => {
  it("writes an OCI image layout of a FROM scratch image: one gzip layer holding plugin.wasm, no owners, fixed time", async () => {
    const run = runCli(["package", plugin]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\[1\/3\] building the image of tiny from .*build\/main\.wasm\n\[2\/3\] writing the image layout .*build\/oci-image\/\n\[3\/3\] writing the archive .*build\/oci-image\.tar\n/);
    const layout = join(plugin, "build", "oci-image");
    assert.deepEqual(readJson(join(layout, "oci-layout")), { imageLayoutVersion: "1.0.0" });
    const index = readJson(join(layout, "index.json"));
    const [entry] = index.manifests;
    assert.equal(entry.annotations["org.opencontainers.image.ref.name"], "1.2.3");
    assert.equal(entry.annotations["io.containerd.image.name"], "tiny:1.2.3");
    assert.match(run.stdout, new RegExp(`\ntiny:1\\.2\\.3@${entry.digest}\n`));
    const blob = (digest: string) => readFileSync(join(layout, "blobs", "sha256", digest.slice(7)));
    const manifest = JSON.parse(blob(entry.digest).toString());
    assert.equal(sha256(blob(entry.digest)), entry.digest);
    assert.equal(manifest.mediaType, "application/vnd.oci.image.manifest.v1+json");
    assert.equal(manifest.config.mediaType, "application/vnd.oci.image.config.v1+json");
    assert.equal(manifest.layers.length, 1);
    assert.equal(manifest.layers[0].mediaType, "application/vnd.oci.image.layer.v1.tar+gzip");
    assert.equal(manifest.annotations["module.wasm.image/variant"], "compat");
    const layerGzip = blob(manifest.layers[0].digest);
    assert.equal(sha256(layerGzip), manifest.layers[0].digest);
    const layerTar = gunzipSync(layerGzip);
    const config = JSON.parse(blob(manifest.config.digest).toString());
    assert.deepEqual({ os: config.os, architecture: config.architecture, created: config.created }, { os: "linux", architecture: "amd64", created: "1970-01-01T00:00:00.000Z" });
    assert.deepEqual(config.rootfs, { type: "layers", diff_ids: [sha256(layerTar)] });
    const files = await untar(layerTar);
    assert.deepEqual(files.map((f) => [f.name, f.uid, f.gid, f.uname, f.gname, f.mtime?.getTime()]), [["plugin.wasm", 0, 0, "", "", 0]]);
    assert.ok(files[0]!.bytes.equals(wasm));
  });

  it("gives the same digests and the same bytes every time", () => {
    const first = runCli(["package", plugin]);
    const archive = readFileSync(join(plugin, "build", "oci-image.tar"));
    const second = runCli(["package", plugin]);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.ok(readFileSync(join(plugin, "build", "oci-image.tar")).equals(archive));
  });

  it("writes an archive that is both an OCI layout and a docker-archive, which skopeo reads", async () => {
    runCli(["package", plugin]);
    const archive = join(plugin, "build", "oci-image.tar");
    const entries = await untar(readFileSync(archive));
    const names = entries.map((e) => e.name);
    assert.deepEqual(names, [...names].sort());
    assert.ok(entries.every((e) => e.uid === 0 && e.uname === "" && e.mtime?.getTime() === 0));
    const docker = JSON.parse(entries.find((e) => e.name === "manifest.json")!.bytes.toString());
    assert.deepEqual(docker[0].RepoTags, ["tiny:1.2.3"]);
    assert.ok(names.includes(docker[0].Config) && names.includes(docker[0].Layers[0]));
    for (const source of [`oci:${join(plugin, "build", "oci-image")}:1.2.3`, `oci-archive:${archive}`, `docker-archive:${archive}`]) {
      const inspected = spawnSync("skopeo", ["inspect", source], { encoding: "utf8" });
      assert.equal(inspected.status, 0, `${source}: ${inspected.stderr}`);
      assert.equal(JSON.parse(inspected.stdout).Os, "linux");
    }
  });

  it("writes the Wasm artifact form with --format wasm: runtime config and raw module as the two layers", () => {
    const run = runCli(["package", "--format", "wasm", "--tag", "acme/tiny:dev", plugin]);
    assert.equal(run.status, 0, run.stderr);
    const layout = join(plugin, "build", "oci-wasm");
    const [entry] = readJson(join(layout, "index.json")).manifests;
    const blob = (digest: string) => readFileSync(join(layout, "blobs", "sha256", digest.slice(7)));
    const manifest = JSON.parse(blob(entry.digest).toString());
    assert.equal(manifest.config.mediaType, "application/vnd.module.wasm.config.v1+json");
    assert.deepEqual(manifest.layers.map((l: { mediaType: string }) => l.mediaType),
      ["application/vnd.module.wasm.config.v1+json", "application/vnd.module.wasm.content.layer.v1+wasm"]);
    assert.ok(blob(manifest.layers[1].digest).equals(wasm));
    assert.deepEqual(JSON.parse(blob(manifest.config.digest).toString()),
      { type: "envoy_proxy", abiVersions: ["proxy_abi_version_0_2_1"], config: { root_ids: ["tiny"] } });
    assert.equal(entry.annotations["io.containerd.image.name"], "acme/tiny:dev");
  });

  it("takes its timestamps from SOURCE_DATE_EPOCH", () => {
    const run = runCli(["package", "--out", "build/dated", plugin], plugin, { SOURCE_DATE_EPOCH: "1700000000" });
    assert.equal(run.status, 0, run.stderr);
    const [entry] = readJson(join(plugin, "build", "dated", "index.json")).manifests;
    const blobs = join(plugin, "build", "dated", "blobs", "sha256");
    const manifest = readJson(join(blobs, entry.digest.slice(7)));
    assert.equal(readJson(join(blobs, manifest.config.digest.slice(7))).created, "2023-11-14T22:13:20.000Z");
  });

  it("says to build first when there is no module", () => {
    const unbuilt = makePlugin();
    const run = runCli(["package", unbuilt]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `error: ${join(unbuilt, "build", "main.wasm")} not found\n` +
      "  Run `higress-ts build` first: it writes the module that gets packaged.\n");
  });
});
