import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest modification time of any file under `dir`, in ms; 0 for an empty or missing directory. */
function newestChange(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** True when the module is missing or older than a source under `<pluginDir>/assembly`. */
export function needsBuild(pluginDir: string, wasmFile: string): boolean {
  return !existsSync(wasmFile) || statSync(wasmFile).mtimeMs < newestChange(join(pluginDir, "assembly"));
}
