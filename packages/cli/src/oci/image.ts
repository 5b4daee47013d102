import { Annotation, MediaType } from "./media-types.js";
import { blobOf, describe, jsonBlob, sha256, type OciBlob } from "./blob.js";
import { PLUGIN_FILE, pluginLayer } from "./layer.js";

/** The two forms of a plugin image that Istio's and Higress's Wasm fetcher accept. */
export const IMAGE_FORMATS = ["image", "wasm"] as const;
/**
 * `image`: a container image with one gzip tar layer holding `plugin.wasm` (what `FROM scratch` + `COPY` builds;
 * `docker load`, `docker push` and every registry handle it). `wasm`: the Wasm artifact, the raw module as a
 * `application/vnd.module.wasm.content.layer.v1+wasm` layer next to its runtime config.
 */
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** The platform a container image declares: the module runs on any, this is what a `FROM scratch` build on amd64 gives. */
export const PLATFORM = { architecture: "amd64", os: "linux" } as const;

/** What a plugin image is made of. */
export interface ImageInput {
  readonly wasm: Uint8Array;
  readonly format: ImageFormat;
  /** The plugin name: the root id the module registers (the WasmPlugin's pluginName). */
  readonly pluginName: string;
  /** The proxy-wasm ABI the module declares, e.g. "0.2.1". */
  readonly abi: string;
  /** The time written into the image: the config's `created` and the layer's file time. */
  readonly created: Date;
}

/** A plugin image: its manifest, the config and the layers the manifest points at. */
export interface PluginImage {
  readonly format: ImageFormat;
  readonly manifest: OciBlob;
  readonly config: OciBlob;
  readonly layers: readonly OciBlob[];
}

/** Builds a plugin image; the same input gives the same bytes, so the same digests. */
export async function buildImage(input: ImageInput): Promise<PluginImage> {
  const { config, layers, annotations } = input.format === "image" ? await containerImage(input) : wasmArtifact(input);
  const manifest = jsonBlob(MediaType.manifest, {
    schemaVersion: 2,
    mediaType: MediaType.manifest,
    config: describe(config),
    layers: layers.map(describe),
    ...(annotations ? { annotations } : {}),
  });
  return { format: input.format, manifest, config, layers };
}

/** Every blob of an image once, the manifest last (the order a registry needs them in). */
export function imageBlobs(image: PluginImage): OciBlob[] {
  const unique = new Map<string, OciBlob>();
  for (const blob of [image.config, ...image.layers, image.manifest]) unique.set(blob.digest, blob);
  return [...unique.values()];
}

interface ImageParts {
  readonly config: OciBlob;
  readonly layers: readonly OciBlob[];
  readonly annotations?: Record<string, string>;
}

/** The container image form: one gzip layer, an OCI image config that lists the layer's uncompressed digest. */
async function containerImage(input: ImageInput): Promise<ImageParts> {
  const layer = await pluginLayer(input.wasm, input.created);
  const config = jsonBlob(MediaType.imageConfig, {
    created: input.created.toISOString(),
    ...PLATFORM,
    config: {},
    rootfs: { type: "layers", diff_ids: [sha256(layer.tar)] },
    history: [{ created: input.created.toISOString(), created_by: `COPY main.wasm ${PLUGIN_FILE}` }],
  });
  return {
    config,
    layers: [blobOf(MediaType.gzipLayer, layer.gzip)],
    annotations: { [Annotation.wasmVariant]: "compat" },
  };
}

/**
 * The Wasm artifact form. Its runtime config (type, ABI, root ids) is the manifest's config and also the first of two
 * layers, the module the second: Istio's fetcher, which Higress runs, takes this form only with exactly those two
 * layers (as `oras push config.json:<config type> plugin.wasm:<layer type>` makes them).
 */
function wasmArtifact(input: ImageInput): ImageParts {
  const config = jsonBlob(MediaType.wasmConfig, {
    type: "envoy_proxy",
    abiVersions: [`proxy_abi_version_${input.abi.replaceAll(".", "_")}`],
    config: { root_ids: [input.pluginName] },
  });
  return {
    config,
    layers: [
      blobOf(MediaType.wasmConfig, config.bytes, { [Annotation.title]: "runtime-config.json" }),
      blobOf(MediaType.wasmLayer, input.wasm, { [Annotation.title]: PLUGIN_FILE }),
    ],
  };
}
