/** Child processes of the gateway bench: the upstream server and the load generator. */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

/** A running upstream server. */
export interface UpstreamProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `upstream-server.js` in its own Node process and waits for its port. */
export async function startUpstream(): Promise<UpstreamProcess> {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./upstream-server.js", import.meta.url))], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const { port } = JSON.parse(line) as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

/** What autocannon reports for one run. */
export interface LoadResult {
  /** Requests per second: answered requests over the run's duration. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Errors, timeouts and non-2xx answers. */
  readonly failures: number;
}

interface AutocannonJson {
  requests: { total: number };
  /** Seconds. */
  duration: number;
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

const AUTOCANNON = createRequire(import.meta.url).resolve("autocannon");
/** No run may take longer than this, whatever happens to the gateway. */
const HARD_LIMIT_MS = 120_000;

/** Runs autocannon in its own process: `amount` requests over `connections` connections to `url`. */
export async function loadTest(url: string, amount: number, connections: number): Promise<LoadResult> {
  const child: ChildProcess = spawn(process.execPath, [AUTOCANNON, "--json", "-c", String(connections), "-a", String(amount), "-t", "10", url], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), HARD_LIMIT_MS);
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  if (code !== 0) throw new Error(`autocannon exited with ${code} against ${url}`);
  const report = JSON.parse(out) as AutocannonJson;
  return {
    rps: report.requests.total / report.duration,
    p50Ms: report.latency.p50,
    p99Ms: report.latency.p99,
    requests: report.requests.total,
    failures: report.errors + report.timeouts + report.non2xx,
  };
}
