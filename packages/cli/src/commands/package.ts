import { resolve } from "node:path";
import { Command, Option } from "commander";
import { displayPath } from "../display-path.js";
import type { OciBlob } from "../oci/blob.js";
import { IMAGE_FORMATS, type ImageFormat, type PluginImage } from "../oci/image.js";
import { writeImageArchive, writeImageLayout, type ImageName } from "../oci/image-layout.js";
import { imageTime, MODULE_FILE, pluginImage } from "../plugin/plugin-image.js";
import { readPluginPackage } from "../plugin/plugin-package.js";
import { UserError } from "../user-error.js";
import { reportUserErrors } from "./fail.js";

interface PackageFlags {
  readonly format: ImageFormat;
  readonly tag?: string;
  readonly out?: string;
}

/** `higress-ts package [dir]`: the plugin's OCI image, as an image layout directory and an archive, without Docker. */
export function packageCommand(): Command {
  return new Command("package")
    .description(`Package a plugin's ${MODULE_FILE} as an OCI image (a layout directory and a docker-load-able archive), without Docker.`)
    .argument("[dir]", "the plugin directory", ".")
    .addOption(new Option("--format <format>", "image: a FROM scratch image with plugin.wasm in one layer; wasm: the Wasm OCI artifact")
      .choices(IMAGE_FORMATS).default("image"))
    .option("--tag <name:tag>", "the image name in the layout and archive (default: <plugin name>:<package version>)")
    .option("--out <dir>", "the layout directory, relative to the plugin; the archive is <dir>.tar (default: build/oci-<format>)")
    .addHelpText("after", "\nThe same module always gives the same digests: file times are SOURCE_DATE_EPOCH (or 1970), no owners.\n" +
      "Higress and Istio pull both formats; the image format also loads with `docker load -i <dir>.tar`.")
    .action((dir: string, flags: PackageFlags) => reportUserErrors(() => packagePlugin(resolve(dir), flags)));
}

async function packagePlugin(dir: string, flags: PackageFlags): Promise<void> {
  const plugin = readPluginPackage(dir);
  const name = flags.tag ? parseImageName(flags.tag) : { repository: plugin.pluginName, tag: plugin.version };
  const out = resolve(dir, flags.out ?? `build/oci-${flags.format}`);
  console.log(`[1/3] building the ${flags.format} of ${plugin.pluginName} from ${displayPath(resolve(dir, MODULE_FILE))}`);
  const image = await pluginImage(plugin, flags.format);
  console.log(`[2/3] writing the image layout ${displayPath(out)}/`);
  await writeImageLayout(out, image, name);
  console.log(`[3/3] writing the archive ${displayPath(out)}.tar`);
  await writeImageArchive(`${out}.tar`, image, name, imageTime());
  process.stdout.write(describeImage(image, `${name.repository}:${name.tag}`));
  const loads = image.format === "image" ? `docker load -i ${displayPath(out)}.tar, ` : "";
  console.log(`Next: ${loads}skopeo inspect oci:${displayPath(out)}:${name.tag}, or higress-ts push <registry>/<repository>:${name.tag}`);
}

/** The image's name, digest and blobs, one per line. */
export function describeImage(image: PluginImage, name: string): string {
  const row = (role: string, blob: OciBlob) => `  ${role.padEnd(8)} ${blob.digest}  ${blob.size.toLocaleString("en-US")} bytes  ${blob.mediaType}\n`;
  return `${name}@${image.manifest.digest}\n${row("manifest", image.manifest)}${row("config", image.config)}` +
    image.layers.map((layer) => row("layer", layer)).join("");
}

function parseImageName(text: string): ImageName {
  const colon = text.lastIndexOf(":");
  if (colon <= 0 || text.slice(colon + 1).includes("/")) throw new UserError(`--tag "${text}" has no tag`, "Write it as <name>:<tag>, e.g. hello-world:0.1.0.");
  return { repository: text.slice(0, colon), tag: text.slice(colon + 1) };
}
