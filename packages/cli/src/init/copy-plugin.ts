import { readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** What a plugin directory holds that is not source: installed packages and build output. */
export const NOT_COPIED = new Set(["node_modules", "build", "dist", ".turbo"]);

/** One file of a plugin, by path relative to the plugin directory. */
export interface PluginFile {
  readonly path: string;
  readonly bytes: Buffer;
}

/** The source files of a plugin directory, sorted by path, without installed packages and build output. */
export function pluginFiles(dir: string, prefix = ""): PluginFile[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .filter((entry) => !NOT_COPIED.has(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return pluginFiles(dir, path);
      return entry.isFile() ? [{ path, bytes: readFileSync(join(dir, path)) }] : [];
    });
}

/** Writes files under a directory. */
export async function writeFiles(dir: string, files: readonly PluginFile[]): Promise<void> {
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, file.bytes);
  }
}
