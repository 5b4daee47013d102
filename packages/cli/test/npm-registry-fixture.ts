import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI_DIR } from "./cli-harness.js";
import { scratchDir } from "./plugin-fixture.js";
import { freePort } from "./registry-fixture.js";

/** A running npm registry (verdaccio) on a loopback port. */
export interface NpmRegistry {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** An npm userconfig file naming this registry and holding a publish token for it, and for nothing else. */
  readonly userconfig: string;
  stop(): Promise<void>;
}

/** The public npm registry, the uplink for every package that is not ours. */
const NPM_REGISTRY = "https://registry.npmjs.org/";

/**
 * Verdaccio's configuration: @higress-ts/* is served only from local storage (published here, never proxied); every
 * other package comes from the public registry.
 */
function config(dir: string, port: number): string {
  return `storage: ${join(dir, "storage")}
auth:
  htpasswd:
    file: ${join(dir, "htpasswd")}
uplinks:
  npmjs:
    url: ${NPM_REGISTRY}
    # A shared machine can be slow: wait long, and never mark the public registry offline after a failed fetch
    # (verdaccio's defaults, 2 failures then 5 minutes offline, turned one slow fetch into 404s for the rest).
    timeout: 120s
    max_fails: 1000
    fail_timeout: 1s
packages:
  "@higress-ts/*":
    access: $all
    publish: $authenticated
  "**":
    access: $all
    proxy: npmjs
listen: 127.0.0.1:${port}
max_body_size: 100mb
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;
}

/** Starts verdaccio with a temp config and storage, and adds a user whose token goes into the returned userconfig. */
export async function startNpmRegistry(): Promise<NpmRegistry> {
  const dir = scratchDir("npm-registry");
  const port = await freePort();
  writeFileSync(join(dir, "config.yaml"), config(dir, port));
  const child: ChildProcess = spawn(process.execPath, [join(CLI_DIR, "node_modules", "verdaccio", "bin", "verdaccio"),
    "--config", join(dir, "config.yaml")], { stdio: "ignore" });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await exited;
  };
  const url = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; ; attempt++) {
    const up = await fetch(`${url}-/ping`).then((response) => response.ok, () => false);
    if (up) break;
    if (attempt === 400 || child.exitCode !== null) {
      await stop();
      throw new Error(`verdaccio did not start on ${url}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  const signup = await fetch(`${url}-/user/org.couchdb.user:release`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release", password: "release-test" }),
  });
  const { token } = await signup.json() as { token?: string };
  if (!signup.ok || !token) {
    await stop();
    throw new Error(`verdaccio on ${url} gave no token (HTTP ${signup.status})`);
  }
  const userconfig = join(dir, "npmrc");
  writeFileSync(userconfig, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  return { url, userconfig, stop };
}
