import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Command } from "commander";
import { Document, type YAMLMap } from "yaml";
import { readPluginPackage, type PluginPackage } from "../plugin/plugin-package.js";
import { UserError } from "../user-error.js";
import { reportUserErrors } from "./fail.js";

interface ManifestFlags {
  readonly image?: string;
  readonly namespace: string;
  readonly out?: string;
}

/** The namespace Higress watches for WasmPlugins. */
const HIGRESS_NAMESPACE = "higress-system";

/** `higress-ts manifest [dir]`: the plugin's WasmPlugin resource for Higress, as YAML. */
export function manifestCommand(): Command {
  return new Command("manifest")
    .description("Print the plugin's WasmPlugin (extensions.higress.io/v1alpha1) YAML: its image, phase, priority and example config.")
    .argument("[dir]", "the plugin directory", ".")
    .option("--image <ref>", `the pushed image, <registry>/<repository>:<tag> (default: "higress.image" of package.json, tagged with the version)`)
    .option("--namespace <name>", "the namespace of the WasmPlugin", HIGRESS_NAMESPACE)
    .option("--out <file>", "write the YAML to a file instead of stdout")
    .addHelpText("after", "\nThe plugin's metadata is the \"higress\" key of its package.json: name, phase, priority, config\n" +
      "(the example config file, default config.json), image and matchRules. Apply the result with kubectl apply -f.")
    .action((dir: string, flags: ManifestFlags) => reportUserErrors(async () => {
      const yaml = wasmPluginYaml(readPluginPackage(resolve(dir)), flags);
      if (flags.out) await writeFile(resolve(flags.out), yaml);
      else process.stdout.write(yaml);
    }));
}

/**
 * The WasmPlugin for a plugin: `defaultConfig` is its example config; `matchRules` are its metadata's, or else an
 * example of per-ingress and per-domain rules left as a comment (rules that match nothing real would only mislead).
 */
export function wasmPluginYaml(plugin: PluginPackage, flags: ManifestFlags): string {
  const config = exampleConfig(plugin);
  const doc = new Document({
    apiVersion: "extensions.higress.io/v1alpha1",
    kind: "WasmPlugin",
    metadata: { name: plugin.pluginName, namespace: flags.namespace },
    spec: {
      url: `oci://${imageOf(plugin, flags)}`,
      pluginName: plugin.pluginName,
      phase: plugin.phase,
      priority: plugin.priority,
      defaultConfig: config,
      ...(plugin.matchRules ? { matchRules: plugin.matchRules } : {}),
    },
  }, { aliasDuplicateObjects: false });
  if (!plugin.matchRules) {
    const example = new Document({ matchRules: [
      { ingress: ["default/example-ingress"], config },
      { domain: ["*.example.com"], config },
    ] }, { aliasDuplicateObjects: false }).toString().trimEnd();
    const spec = doc.get("spec") as YAMLMap;
    spec.comment = ` Per-route or per-domain config overrides defaultConfig, e.g.:\n${example.replace(/^/gm, " ")}`;
  }
  return doc.toString({ lineWidth: 0 });
}

function imageOf(plugin: PluginPackage, flags: ManifestFlags): string {
  if (flags.image) return flags.image.replace(/^oci:\/\//, "");
  if (plugin.image) return `${plugin.image}:${plugin.version}`;
  throw new UserError(`${resolve(plugin.dir, "package.json")} names no image for ${plugin.pluginName}`,
    `Pass --image <registry>/<repository>:<tag>, or set "higress": { "image": "<registry>/<repository>" } in package.json.`);
}

function exampleConfig(plugin: PluginPackage): Record<string, unknown> {
  if (!plugin.configFile) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(plugin.configFile, "utf8"));
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`${plugin.configFile} is not valid JSON: ${(error as Error).message}`, "Fix the example config; it becomes the WasmPlugin's defaultConfig.");
  }
  throw new UserError(`${plugin.configFile} is not a JSON object`, "The example config must be an object: it becomes the WasmPlugin's defaultConfig.");
}
