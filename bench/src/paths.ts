/** Where things are: the bench package, the repository, built modules, the report. */
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The bench package directory (this file is dist/src/paths.js). */
export const BENCH_DIR = fileURLToPath(new URL("../../", import.meta.url));
/** The repository root. */
export const REPO_DIR = join(BENCH_DIR, "..");
/** The report, rewritten by `pnpm bench`. */
export const RESULTS_FILE = join(BENCH_DIR, "RESULTS.md");
/** The chart the report links. */
export const CHART_FILE = join(BENCH_DIR, "results-chart.svg");
/** The raw figures of the last run (git-ignored). */
export const RAW_RESULTS_FILE = join(BENCH_DIR, "out", "results.json");

/** A reference plugin's directory. */
export const pluginDir = (name: string) => join(REPO_DIR, "plugins", name);
/** A reference plugin's release module. */
export const pluginWasm = (name: string) => join(pluginDir(name), "build", "main.wasm");
/** A module built from this package (twins/<name> or baseline/<name>), as `build` writes it. */
export const localWasm = (dir: string) => join(BENCH_DIR, "build", `${dir}.wasm`);
