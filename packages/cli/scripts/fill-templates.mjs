// Fills templates/ with the workspace's reference plugins (sources only) and templates/versions.json with the
// versions of the workspace's packages, so that `higress-ts init` works from the published package. Runs at prepack;
// templates/ is not committed (the plugins live once, in plugins/).
import { rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pluginFiles, writeFiles } from "../dist/src/init/copy-plugin.js";
import { REFERENCE_PLUGINS, TEMPLATES_DIR, VERSIONS_FILE, workspaceVersions } from "../dist/src/init/reference-plugins.js";

const cli = fileURLToPath(new URL("..", import.meta.url));
const out = process.argv[2] ?? TEMPLATES_DIR;
const plugins = join(cli, "..", "..", "plugins");
rmSync(out, { recursive: true, force: true });
for (const name of REFERENCE_PLUGINS) {
  try {
    await writeFiles(join(out, name), pluginFiles(join(plugins, name)));
    console.log(`templates: ${name}`);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    console.log(`templates: ${name} is not in plugins/ yet; skipped`);
  }
}
await writeFile(join(out, VERSIONS_FILE), `${JSON.stringify(workspaceVersions(join(cli, "..")), null, 2)}\n`);
