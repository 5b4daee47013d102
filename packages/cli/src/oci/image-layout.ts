import { existsSync, readdirSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Annotation, MediaType } from "./media-types.js";
import { describe, digestHex, type OciBlob } from "./blob.js";
import { imageBlobs, type PluginImage } from "./image.js";
import { tarFiles, type TarFile } from "./tar.js";
import { UserError } from "../user-error.js";

/** An image's name in a layout or archive: `repository:tag`, e.g. `hello-world:0.1.0`. */
export interface ImageName {
  readonly repository: string;
  readonly tag: string;
}

const LAYOUT_VERSION = { imageLayoutVersion: "1.0.0" };

/**
 * The files of an OCI image layout holding one image: `oci-layout`, `index.json` (naming the image by tag and by
 * full name, as `docker save` writes it) and `blobs/sha256/<hex>`, sorted by path.
 */
export function layoutFiles(image: PluginImage, name: ImageName): TarFile[] {
  const index = {
    schemaVersion: 2,
    mediaType: MediaType.index,
    manifests: [{
      ...describe(image.manifest),
      annotations: { [Annotation.imageName]: `${name.repository}:${name.tag}`, [Annotation.refName]: name.tag },
    }],
  };
  return sortByName([
    { name: "oci-layout", bytes: json(LAYOUT_VERSION) },
    { name: "index.json", bytes: json(index) },
    ...imageBlobs(image).map((blob) => ({ name: blobPath(blob), bytes: blob.bytes })),
  ]);
}

/**
 * The files of the image archive: the image layout and, for a container image, docker-archive's `manifest.json`
 * pointing at the same blobs. Every `docker load` reads it (older ones through manifest.json, 25+ through the
 * layout), and so do `skopeo` (`oci-archive:` and `docker-archive:`) and `podman load`.
 */
export function archiveFiles(image: PluginImage, name: ImageName): TarFile[] {
  const files = layoutFiles(image, name);
  if (image.format !== "image") return files;
  const dockerManifest = [{
    Config: blobPath(image.config),
    RepoTags: [`${name.repository}:${name.tag}`],
    Layers: image.layers.map(blobPath),
  }];
  return sortByName([...files, { name: "manifest.json", bytes: json(dockerManifest) }]);
}

/** Writes the image layout directory, replacing an earlier layout there (and refusing to replace anything else). */
export async function writeImageLayout(dir: string, image: PluginImage, name: ImageName): Promise<void> {
  if (existsSync(dir)) {
    if (!existsSync(join(dir, "oci-layout")) && readdirSync(dir).length > 0) {
      throw new UserError(`${dir} exists and is not an OCI image layout`, "Pass another --out directory, or remove it.");
    }
    await rm(dir, { recursive: true, force: true });
  }
  for (const file of layoutFiles(image, name)) {
    const path = join(dir, file.name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.bytes);
  }
}

/** Writes the image archive (see archiveFiles) with fixed tar metadata. */
export async function writeImageArchive(file: string, image: PluginImage, name: ImageName, mtime: Date): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, await tarFiles(archiveFiles(image, name), mtime));
}

function blobPath(blob: OciBlob): string {
  return `blobs/sha256/${digestHex(blob.digest)}`;
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

function sortByName(files: TarFile[]): TarFile[] {
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
