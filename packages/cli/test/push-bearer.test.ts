import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { runCli, runCliAsync } from "./cli-harness.js";
import { makePlugin, scratchDir } from "./plugin-fixture.js";
import { freePort, serveRegistry, type Registry } from "./registry-fixture.js";
import { SERVICE, startTokenService, tokenAuth, type TokenService } from "./token-service-fixture.js";

const USER = { username: "plugin-author", password: "s3cret-pass" };
const LOGIN_ENV = { HIGRESS_TS_USERNAME: USER.username, HIGRESS_TS_PASSWORD: USER.password };

let plugin: string;
let wasm: Buffer;
let tokens: TokenService;
let registry: Registry;
/** A registry whose realm is a loopback port nothing listens on. */
let unreachableRealm: { registry: Registry; realm: string };

before(async () => {
  plugin = makePlugin({ packageJson: { name: "tiny", version: "0.3.0" } });
  assert.equal(runCli(["build", plugin]).status, 0);
  wasm = readFileSync(join(plugin, "build", "main.wasm"));
  tokens = await startTokenService(USER);
  const realm = `http://127.0.0.1:${await freePort()}/token`;
  const [tokenRegistry, deadRealmRegistry] = await Promise.all([
    serveRegistry(scratchDir("registry"), tokenAuth(tokens)),
    serveRegistry(scratchDir("registry"), tokenAuth(tokens, realm)),
  ]);
  registry = tokenRegistry;
  unreachableRealm = { registry: deadRealmRegistry, realm };
});

after(async () => {
  await Promise.all([registry?.stop(), unreachableRealm?.registry.stop(), tokens?.stop()]);
});

/** The requests the token service answers while `action` runs. */
async function tokenRequestsDuring<T>(action: () => Promise<T>): Promise<{ result: T; requests: TokenService["requests"] }> {
  const before = tokens.requests.length;
  const result = await action();
  return { result, requests: tokens.requests.slice(before) };
}

describe("higress-ts push to a registry with token (bearer) auth", () => {
  it("gets a pull,push token with the login, pushes, and skopeo copies the same module back", async () => {
    const challenge = await fetch(`http://${registry.host}/v2/plugins/tiny/manifests/0.3.0`);
    assert.equal(challenge.status, 401);
    assert.equal(challenge.headers.get("www-authenticate"),
      `Bearer realm="${tokens.realm}",service="${SERVICE}",scope="repository:plugins/tiny:pull"`);

    const { result: run, requests } = await tokenRequestsDuring(() =>
      runCliAsync(["push", "--insecure", "--format", "wasm", `${registry.host}/plugins/tiny:0.3.0`, plugin], LOGIN_ENV));
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`\npushed ${registry.host}/plugins/tiny:0\\.3\\.0@sha256:[0-9a-f]{64}\n$`));
    assert.deepEqual(requests, [
      { account: USER.username, authenticated: true, service: SERVICE, scopes: ["repository:plugins/tiny:pull,push"] },
    ]);

    const copy = scratchDir("skopeo");
    // Not spawnSync: skopeo logs in at the token service, which this process serves.
    await promisify(execFile)("skopeo", ["copy", "--src-tls-verify=false", "--src-creds", `${USER.username}:${USER.password}`,
      `docker://${registry.host}/plugins/tiny:0.3.0`, `oci:${copy}:0.3.0`]);
    const index = JSON.parse(readFileSync(join(copy, "index.json"), "utf8"));
    const manifest = JSON.parse(readFileSync(join(copy, "blobs", "sha256", index.manifests[0].digest.slice(7)), "utf8"));
    assert.ok(readFileSync(join(copy, "blobs", "sha256", manifest.layers[1].digest.slice(7))).equals(wasm));
  });

  it("with a wrong password, says the realm refused the login and to check the credentials", async () => {
    const { result: run, requests } = await tokenRequestsDuring(() => runCliAsync(["push", "--insecure",
      "--username", USER.username, "--password", "wrong", `${registry.host}/plugins/tiny:wrong`, plugin]));
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `error: cannot log in to ${registry.host}: its token service ${tokens.realm} answered ` +
      "401 Unauthorized (incorrect username or password)\n" +
      "  Check the user name and password (--username and --password, or HIGRESS_TS_USERNAME and HIGRESS_TS_PASSWORD).\n");
    assert.deepEqual(requests.map((request) => [request.account, request.authenticated]), [[USER.username, false]]);
  });

  it("without a login, the anonymous token may not push: says to log in", async () => {
    const { result: run, requests } = await tokenRequestsDuring(() =>
      runCliAsync(["push", "--insecure", `${registry.host}/plugins/tiny:anonymous`, plugin]));
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`^error: ${registry.host.replace(/\./g, "\\.")} answered 401 Unauthorized \\(insufficient_scope\\) when checking blob sha256:[0-9a-f]{64}\n` +
      "  Pass --username and --password \\(or set HIGRESS_TS_USERNAME and HIGRESS_TS_PASSWORD\\)\\.\n$"));
    assert.deepEqual(requests, [{ account: null, authenticated: false, service: SERVICE, scopes: ["repository:plugins/tiny:pull,push"] }]);
  });

  it("names the realm it cannot reach", async () => {
    const { host } = unreachableRealm.registry;
    const run = await runCliAsync(["push", "--insecure", `${host}/plugins/tiny:0.3.0`, plugin], LOGIN_ENV);
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`^error: cannot log in to ${host.replace(/\./g, "\\.")}: cannot reach its token service ` +
      `${unreachableRealm.realm.replace(/\./g, "\\.")}: .+\n  The registry sends clients to that token service for a login: check that it is up and reachable from here\\.\n$`));
  });
});
