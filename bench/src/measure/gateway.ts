/**
 * Item 6: gateway overhead. An upstream server and autocannon each run in their own process; the local gateway
 * (`startGateway` of @higress-ts/host) runs in this one, on loopback. Each configuration gets a warm-up load, then
 * a bounded measured load (a fixed number of requests). "No gateway" sends the same load straight to the upstream.
 */
import { readFileSync } from "node:fs";
import { PluginHost, startGateway } from "@higress-ts/host";
import { loadTest, startUpstream, type LoadResult } from "../gateway/processes.js";
import type { Subject } from "./subject.js";

/** How much load to send. */
export interface GatewayPlan {
  readonly warmup: number;
  readonly requests: number;
  readonly connections: number;
}

/** One configuration's figures. */
export interface GatewayRun {
  readonly label: string;
  readonly result: LoadResult;
}

/** Measures the upstream alone, then the gateway with each subject's plugin in front of it. */
export async function measureGateway(subjects: readonly Subject[], plan: GatewayPlan): Promise<GatewayRun[]> {
  const upstream = await startUpstream();
  try {
    const runs: GatewayRun[] = [];
    await loadTest(upstream.url, plan.warmup, plan.connections);
    runs.push({ label: "no gateway (upstream directly)", result: await loadTest(upstream.url, plan.requests, plan.connections) });
    for (const s of subjects) {
      const outcome = await PluginHost.load(readFileSync(s.module.file), {
        name: s.module.plugin?.name ?? "empty-filter", configuration: s.run.configuration,
      });
      if (!outcome.ok) throw new Error(`${s.label}: the strict host refused it: ${outcome.error}`);
      const gateway = await startGateway({ host: outcome.host, upstream: upstream.url });
      try {
        await loadTest(gateway.url, plan.warmup, plan.connections);
        runs.push({ label: `gateway + ${s.label}`, result: await loadTest(gateway.url, plan.requests, plan.connections) });
      } finally {
        await gateway.close();
      }
    }
    return runs;
  } finally {
    await upstream.stop();
  }
}
