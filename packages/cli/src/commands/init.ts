import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { Command } from "commander";
import { displayPath } from "../display-path.js";
import { pluginFiles, writeFiles, type PluginFile } from "../init/copy-plugin.js";
import { referencePluginDir, REFERENCE_PLUGINS, sdkVersions } from "../init/reference-plugins.js";
import { renamePlugin } from "../init/rename-plugin.js";
import { higressWorkspaceRoot } from "../init/workspace-root.js";
import { readPluginPackage } from "../plugin/plugin-package.js";
import { UserError } from "../user-error.js";
import { reportUserErrors } from "./fail.js";

interface InitFlags {
  readonly from: string;
  readonly dir?: string;
}

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const STANDALONE_GITIGNORE = "node_modules/\nbuild/\n";

/** `higress-ts init <name>`: a new plugin package, copied from a reference plugin and renamed. */
export function initCommand(): Command {
  return new Command("init")
    .description("Create a plugin package from a reference plugin, renamed everywhere (package, registered plugin name, README, manifests).")
    .argument("<name>", "the plugin name: lower-case words with dashes, e.g. my-auth")
    .option("--from <plugin>", `the reference plugin (${REFERENCE_PLUGINS.join(", ")}) or a plugin directory`, "hello-world")
    .option("--dir <path>", "where to create it (default: ./<name>)")
    .addHelpText("after", "\nInside this repository's pnpm workspace the plugin depends on the SDK packages as workspace:*;\n" +
      "anywhere else it is a standalone project that installs them from the npm registry by version.")
    .action((name: string, flags: InitFlags) => reportUserErrors(() => init(name, flags)));
}

async function init(name: string, flags: InitFlags): Promise<void> {
  if (!NAME.test(name)) throw new UserError(`"${name}" is not a plugin name`, "Use lower-case letters, digits and dashes, e.g. my-auth.");
  const source = sourceDir(flags.from);
  const target = resolve(flags.dir ?? name);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new UserError(`${target} exists and is not empty`, "Choose another --dir, or remove it.");
  }
  const from = readPluginPackage(source).pluginName;
  const files = pluginFiles(source);
  console.log(`[1/3] copying ${from} (${files.length} files from ${displayPath(source)}) to ${displayPath(target)}`);
  const renamed = renamePlugin(files, from, name);
  console.log(`[2/3] renaming ${from} to ${name} in ${renamed.filter((file, k) => file !== files[k]).length} files`);
  const workspace = higressWorkspaceRoot(target);
  console.log(workspace
    ? `[3/3] linking the SDK packages from the workspace at ${displayPath(workspace)} (workspace:*)`
    : "[3/3] depending on the published SDK packages by version (standalone project)");
  await writeFiles(target, workspace ? renamed : standalone(renamed, name));
  const install = workspace ? `pnpm install (at ${displayPath(workspace)})` : "npm install (or pnpm install)";
  const where = workspace && relative(join(workspace, "plugins"), target).startsWith("..")
    ? `\nNote: pnpm links only the workspace's package folders (plugins/*); ${displayPath(target)} is outside them.` : "";
  console.log(`Next: ${install}, then in ${displayPath(target)}: npm run build && npm test${where}`);
}

/** A reference plugin's directory, or the given plugin directory. */
function sourceDir(from: string): string {
  if (existsSync(join(resolve(from), "package.json"))) return resolve(from);
  const dir = referencePluginDir(from);
  if (dir) return dir;
  throw new UserError(`no reference plugin "${from}"${(REFERENCE_PLUGINS as readonly string[]).includes(from) ? " in this installation" : ""}`,
    `Use one of ${REFERENCE_PLUGINS.join(", ")} (where installed), or pass a plugin directory.`);
}

/**
 * The files of a standalone plugin: package.json named after the plugin, its `workspace:` dependencies replaced by
 * the published versions, and a .gitignore for what install and build write.
 */
function standalone(files: readonly PluginFile[], name: string): PluginFile[] {
  const versions = sdkVersions();
  const adapted = files.map((file) => {
    if (file.path !== "package.json") return file;
    const json = JSON.parse(file.bytes.toString("utf8")) as Record<string, unknown>;
    json["name"] = name;
    for (const field of ["dependencies", "devDependencies", "peerDependencies"]) {
      const deps = json[field] as Record<string, string> | undefined;
      for (const [dep, spec] of Object.entries(deps ?? {})) {
        if (!spec.startsWith("workspace:")) continue;
        const version = versions[dep];
        if (!version) throw new UserError(`no published version known for ${dep}`, "Reinstall @higress-ts/cli; its templates/versions.json lists the SDK versions.");
        deps![dep] = version;
      }
    }
    return { path: file.path, bytes: Buffer.from(`${JSON.stringify(json, null, 2)}\n`) };
  });
  return files.some((file) => file.path === ".gitignore")
    ? adapted : [...adapted, { path: ".gitignore", bytes: Buffer.from(STANDALONE_GITIGNORE) }];
}
