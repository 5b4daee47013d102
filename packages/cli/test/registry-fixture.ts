import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { scratchDir } from "./plugin-fixture.js";

/** A running distribution registry (Debian's docker-registry) on a loopback port. */
export interface Registry {
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  stop(): Promise<void>;
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Starts a registry with storage in a temp dir; with htpasswd basic auth for `user` when given. */
export async function startRegistry(user?: { username: string; password: string }): Promise<Registry> {
  const dir = scratchDir("registry");
  let auth = "";
  if (user) {
    const hash = spawnSync("htpasswd", ["-Bbn", user.username, user.password], { encoding: "utf8" });
    writeFileSync(join(dir, "htpasswd"), hash.stdout);
    auth = `auth:\n  htpasswd:\n    realm: test-registry\n    path: ${join(dir, "htpasswd")}\n`;
  }
  return serveRegistry(dir, auth);
}

/** Starts a registry storing in `dir`, with `auth`, the `auth:` section of its config.yml ("" for none). */
export async function serveRegistry(dir: string, auth: string): Promise<Registry> {
  const port = await freePort();
  writeFileSync(join(dir, "config.yml"), `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, "data")}\n` +
    `http:\n  addr: 127.0.0.1:${port}\n${auth}`);
  const child: ChildProcess = spawn("docker-registry", ["serve", join(dir, "config.yml")], { stdio: "ignore" });
  const host = `127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    const up = await fetch(`http://${host}/v2/`).then(() => true, () => false);
    if (up) break;
    if (attempt === 200 || child.exitCode !== null) throw new Error(`docker-registry did not start on ${host}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    host,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
