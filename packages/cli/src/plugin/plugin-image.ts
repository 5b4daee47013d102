import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inspectModule } from "@higress-ts/host";
import { buildImage, type ImageFormat, type PluginImage } from "../oci/image.js";
import { UserError } from "../user-error.js";
import type { PluginPackage } from "./plugin-package.js";

/** Where `higress-ts build` writes a plugin's module. */
export const MODULE_FILE = "build/main.wasm";

/**
 * The time written into images: `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention) when set,
 * else the Unix epoch; never the clock, so that the same module always gives the same image.
 */
export function imageTime(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env["SOURCE_DATE_EPOCH"];
  if (epoch === undefined || epoch === "") return new Date(0);
  if (!/^\d+$/.test(epoch)) throw new UserError(`SOURCE_DATE_EPOCH is "${epoch}"`, "Set it to a number of seconds since 1970, or unset it.");
  return new Date(Number(epoch) * 1000);
}

/**
 * Builds the image of a plugin from its built module, after checking that Higress would load the module (a module
 * Higress refuses is not worth shipping).
 */
export async function pluginImage(plugin: PluginPackage, format: ImageFormat): Promise<PluginImage> {
  const file = join(plugin.dir, MODULE_FILE);
  if (!existsSync(file)) throw new UserError(`${file} not found`, "Run `higress-ts build` first: it writes the module that gets packaged.");
  const wasm = readFileSync(file);
  const report = inspectModule(wasm, { mode: "higress" });
  if (!report.ok || report.abi === null) {
    throw new UserError(`Higress would refuse ${file}: ${report.errors.map((e) => e.message).join("; ")}`,
      "Run `higress-ts build` (or `higress-ts inspect`) to see why, and fix it before packaging.");
  }
  return buildImage({ wasm, format, pluginName: plugin.pluginName, abi: report.abi, created: imageTime() });
}
