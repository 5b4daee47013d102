import { resolve } from "node:path";
import { Command, Option } from "commander";
import { imageBlobs, IMAGE_FORMATS, type ImageFormat } from "../oci/image.js";
import { formatImageReference, parseImageReference } from "../oci/image-reference.js";
import { RegistryClient } from "../oci/registry-client.js";
import { MODULE_FILE, pluginImage } from "../plugin/plugin-image.js";
import { readPluginPackage } from "../plugin/plugin-package.js";
import { UserError } from "../user-error.js";
import { reportUserErrors } from "./fail.js";

interface PushFlags {
  readonly format: ImageFormat;
  readonly insecure?: boolean;
  readonly username?: string;
  readonly password?: string;
}

/** `higress-ts push <ref> [dir]`: the plugin's image to an OCI registry over the distribution API. */
export function pushCommand(): Command {
  return new Command("push")
    .description(`Push a plugin's image (built from ${MODULE_FILE}, the same bytes as \`package\`) to an OCI registry.`)
    .argument("<ref>", "where to push: <registry>/<repository>:<tag>, e.g. registry.example.com/plugins/hello-world:0.1.0")
    .argument("[dir]", "the plugin directory", ".")
    .addOption(new Option("--format <format>", "image (FROM scratch + plugin.wasm) or wasm (the Wasm OCI artifact)")
      .choices(IMAGE_FORMATS).default("image"))
    .option("--insecure", "talk plain http to the registry (https otherwise)")
    .addOption(new Option("--username <name>", "registry user name").env("HIGRESS_TS_USERNAME"))
    .addOption(new Option("--password <password>", "registry password or token").env("HIGRESS_TS_PASSWORD"))
    .addHelpText("after", "\nLogs in when the registry asks: basic auth, or a bearer token from the registry's token service.\n" +
      "Then use the image in a WasmPlugin as url: oci://<ref> (see `higress-ts manifest`).")
    .action((ref: string, dir: string, flags: PushFlags) => reportUserErrors(() => push(ref, resolve(dir), flags)));
}

async function push(text: string, dir: string, flags: PushFlags): Promise<void> {
  const ref = parseImageReference(text);
  if ((flags.username === undefined) !== (flags.password === undefined)) {
    throw new UserError("a user name without a password, or a password without a user name", "Pass both --username and --password, or neither.");
  }
  const credentials = flags.username !== undefined ? { username: flags.username, password: flags.password! } : null;
  const plugin = readPluginPackage(dir);
  console.log(`[1/3] building the ${flags.format} of ${plugin.pluginName}`);
  const image = await pluginImage(plugin, flags.format);
  const registry = new RegistryClient(ref, { insecure: flags.insecure ?? false, credentials });
  const blobs = imageBlobs(image).filter((blob) => blob !== image.manifest);
  console.log(`[2/3] uploading ${blobs.length} blobs to ${ref.registry}/${ref.repository}`);
  for (const blob of blobs) {
    const present = await registry.hasBlob(blob.digest);
    if (!present) await registry.uploadBlob(blob);
    console.log(`      ${blob.digest}  ${blob.size.toLocaleString("en-US")} bytes  ${present ? "already there" : "uploaded"}`);
  }
  console.log(`[3/3] uploading the manifest as ${ref.tag}`);
  const digest = await registry.putManifest(image.manifest);
  if (digest !== image.manifest.digest) {
    throw new UserError(`${ref.registry} stored the manifest as ${digest}, not ${image.manifest.digest}`, "The registry rewrote the manifest; check its version and log.");
  }
  console.log(`pushed ${formatImageReference(ref)}@${digest}`);
}
