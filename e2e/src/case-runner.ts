/**
 * Runs a plugin's cases on a backend, in file order: switches the gateway to the configuration a case asks for
 * (the upstreams keep running, as when the guide's reader edits envoy.yaml and restarts the gateway), sends its
 * requests and collects every mismatch.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Backend } from "./backend.js";
import type { Case } from "./case-file.js";
import { withPluginConfiguration } from "./envoy-yaml.js";
import { responseMismatches } from "./expect.js";
import { sendRequest } from "./send-request.js";
import type { PluginSuite } from "./suite.js";

/** A case that must fit in one clock minute starts in the next one when fewer than this many ms are left. */
const MINUTE_MARGIN_MS = 5_000;

/** Waits for the next clock minute if fewer than 5 s of the current one are left. */
export async function leaveRoomInMinute(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < MINUTE_MARGIN_MS) await sleep(left + 100);
}

/** Runs cases one after another on one backend, which starts on the suite's envoy.yaml as written. */
export class CaseRunner {
  private running: string;

  constructor(
    private readonly backend: Backend,
    private readonly suite: PluginSuite,
  ) {
    this.running = suite.envoyYaml;
  }

  /** The envoy.yaml a case runs on: the suite's, with the case's plugin configuration if it has one. */
  envoyYamlFor(c: Case): string {
    return c.configuration === undefined ? this.suite.envoyYaml : withPluginConfiguration(this.suite.envoyYaml, c.configuration);
  }

  /** Runs one case; returns its mismatches, each prefixed with its step when the case has several. */
  async run(c: Case): Promise<string[]> {
    const envoyYaml = this.envoyYamlFor(c);
    if (envoyYaml !== this.running) {
      await this.backend.configure(envoyYaml);
      this.running = envoyYaml;
    }
    if (c.withinOneMinute) await leaveRoomInMinute();
    const mismatches: string[] = [];
    for (const [i, step] of c.steps.entries()) {
      const response = await sendRequest(this.backend.url, step.request);
      const prefix = c.steps.length > 1 ? `step ${i + 1} (${step.request.method} ${step.request.path}): ` : "";
      mismatches.push(...responseMismatches(step.expect, response).map((m) => prefix + m));
    }
    return mismatches;
  }
}
