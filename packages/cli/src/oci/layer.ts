import { gzipSync } from "node:zlib";
import { tarFiles } from "./tar.js";

/** The file name Istio and Higress look for in an image layer, as `COPY main.wasm plugin.wasm` names it. */
export const PLUGIN_FILE = "plugin.wasm";

/** Byte 9 of a gzip header names the compressing OS; zlib writes the build platform's, which would change digests. */
const GZIP_OS_BYTE = 9;
const GZIP_OS_UNKNOWN = 255;

/** The layer of a `FROM scratch` + `COPY main.wasm plugin.wasm` image, before and after compression. */
export interface PluginLayer {
  /** The tar with `plugin.wasm` at its root; its digest is the image config's diff id. */
  readonly tar: Buffer;
  /** The gzip of the tar: the layer blob. */
  readonly gzip: Buffer;
}

/** Builds the single layer of a plugin image: `plugin.wasm` at the root, with fixed metadata. */
export async function pluginLayer(wasm: Uint8Array, mtime: Date): Promise<PluginLayer> {
  const tar = await tarFiles([{ name: PLUGIN_FILE, bytes: wasm }], mtime);
  const gzip = gzipSync(tar, { level: 9 });
  gzip[GZIP_OS_BYTE] = GZIP_OS_UNKNOWN;
  return { tar, gzip };
}
