import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The reference plugins `init` copies from. */
export const REFERENCE_PLUGINS = ["hello-world", "mock-enable", "http-call", "redis-qpm"] as const;

/** The cli package directory (this file is dist/src/init/). */
const CLI_DIR = fileURLToPath(new URL("../../../", import.meta.url));
/** Where the published package carries the reference plugins (filled by scripts/fill-templates.mjs at prepack). */
export const TEMPLATES_DIR = join(CLI_DIR, "templates");
/** The workspace's plugins, when the cli runs from a checkout of this repository. */
const WORKSPACE_PLUGINS_DIR = join(CLI_DIR, "..", "..", "plugins");
/** The versions file next to the templates: package name to version, for standalone plugins. */
export const VERSIONS_FILE = "versions.json";

/** The directory of a reference plugin: the shipped template, else the workspace's plugin; null if neither exists. */
export function referencePluginDir(name: string): string | null {
  return [TEMPLATES_DIR, WORKSPACE_PLUGINS_DIR].map((root) => join(root, name)).find((dir) => existsSync(join(dir, "package.json"))) ?? null;
}

/**
 * The versions of the @higress-ts packages a standalone plugin depends on: the shipped versions file, else the
 * workspace's package.json files.
 */
export function sdkVersions(): Record<string, string> {
  const shipped = join(TEMPLATES_DIR, VERSIONS_FILE);
  if (existsSync(shipped)) return JSON.parse(readFileSync(shipped, "utf8")) as Record<string, string>;
  return workspaceVersions(join(CLI_DIR, ".."));
}

/** Package name to version of every package directly under `packagesDir`. */
export function workspaceVersions(packagesDir: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const entry of readdirSync(packagesDir).sort()) {
    const file = join(packagesDir, entry, "package.json");
    if (!existsSync(file)) continue;
    const { name, version } = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (name && version) versions[name] = version;
  }
  return versions;
}
