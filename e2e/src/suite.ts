/** The plugin suites of this package: every directory holding a docker-compose.yaml, an envoy.yaml and a cases.yaml. */
import { readdir, readFile, access } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCases, type Case } from "./case-file.js";
import { readComposeFile, type ComposeFile } from "./compose-file.js";

/** One plugin's files, read. */
export interface PluginSuite {
  /** The directory's name, e.g. `mock-enable`. */
  readonly name: string;
  readonly dir: string;
  readonly compose: ComposeFile;
  /** The envoy.yaml text as written. */
  readonly envoyYaml: string;
  readonly cases: readonly Case[];
}

/** The e2e package's root (this file runs from dist/src). */
export const E2E_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const FILES = ["docker-compose.yaml", "envoy.yaml", "cases.yaml"];

async function isSuite(dir: string): Promise<boolean> {
  const present = await Promise.all(FILES.map((file) => access(join(dir, file)).then(() => true, () => false)));
  return present.every(Boolean);
}

/** Reads one plugin directory. */
export async function readSuite(dir: string, name: string): Promise<PluginSuite> {
  return {
    name,
    dir,
    compose: await readComposeFile(join(dir, "docker-compose.yaml")),
    envoyYaml: await readFile(join(dir, "envoy.yaml"), "utf8"),
    cases: await readCases(join(dir, "cases.yaml")),
  };
}

/** Every plugin suite under `root`, by name. */
export async function readSuites(root = E2E_ROOT): Promise<PluginSuite[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const suites: PluginSuite[] = [];
  for (const name of names) if (await isSuite(join(root, name))) suites.push(await readSuite(join(root, name), name));
  return suites;
}
