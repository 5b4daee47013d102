import { freePort } from "./free-port.js";
import { startService, type LocalService } from "./service-process.js";

/** Debian's own Python, for which python3-httpbin is installed (the first `python3` on PATH may be another). */
const DEBIAN_PYTHON = "/usr/bin/python3";

/** Starts a real httpbin (Debian's python3-httpbin) on a free loopback port. */
export async function startHttpbin(options: { port?: number; hostname?: string } = {}): Promise<LocalService> {
  const hostname = options.hostname ?? "127.0.0.1";
  const port = options.port ?? (await freePort(hostname));
  return startService({
    name: "httpbin",
    command: DEBIAN_PYTHON,
    args: ["-m", "httpbin.core", "--host", hostname, "--port", String(port)],
    hostname,
    port,
    installHint: "Install it with: apt-get install -y python3-httpbin (or run `npm test` once, which sets it up).",
  });
}
