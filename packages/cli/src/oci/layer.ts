import { gzipSync } from "fflate";
import { tarFiles } from "./tar.js";

/** The file name Istio and Higress look for in an image layer, as `COPY main.wasm plugin.wasm` names it. */
export const PLUGIN_FILE = "plugin.wasm";

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
  // fflate, pinned, compresses the same bytes the same way on every machine and Node version (node:zlib follows the
  // zlib Node was built with); no file name, time 0.
  const gzip = Buffer.from(gzipSync(tar, { level: 9, mtime: 0 }));
  return { tar, gzip };
}
