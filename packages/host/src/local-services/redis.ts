import { freePort } from "./free-port.js";
import { startService, type LocalService } from "./service-process.js";

/** What the Redis server is started with. */
export interface RedisOptions {
  port?: number;
  hostname?: string;
  /** `requirepass` for the default user. */
  password?: string;
  /** ACL users as `user <name> on ><password> ~* +@all` lines accept. */
  users?: { name: string; password: string }[];
}

/** Starts a real redis-server on a free loopback port, without persistence. */
export async function startRedis(options: RedisOptions = {}): Promise<LocalService> {
  const hostname = options.hostname ?? "127.0.0.1";
  const port = options.port ?? (await freePort(hostname));
  const args = ["--port", String(port), "--bind", hostname, "--save", "", "--appendonly", "no", "--daemonize", "no"];
  if (options.password) args.push("--requirepass", options.password);
  for (const user of options.users ?? []) args.push("--user", user.name, "on", `>${user.password}`, "~*", "&*", "+@all");
  return startService({
    name: "redis-server",
    command: "redis-server",
    args,
    hostname,
    port,
    installHint: "Install it with: apt-get install -y redis-server (or run `npm test` once, which sets it up).",
  });
}
