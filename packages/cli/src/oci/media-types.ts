/** Media types of the OCI image spec and of the Wasm image spec that Istio and Higress pull. */
export const MediaType = {
  /** An OCI image manifest. */
  manifest: "application/vnd.oci.image.manifest.v1+json",
  /** An OCI image index (a layout's index.json). */
  index: "application/vnd.oci.image.index.v1+json",
  /** An OCI container image config. */
  imageConfig: "application/vnd.oci.image.config.v1+json",
  /** A gzip-compressed tar layer, the one layer of a `FROM scratch` + `COPY plugin.wasm` image. */
  gzipLayer: "application/vnd.oci.image.layer.v1.tar+gzip",
  /** The Wasm runtime config of the Wasm artifact form (Solo's Wasm image spec, "oci" variant). */
  wasmConfig: "application/vnd.module.wasm.config.v1+json",
  /** The raw module of the Wasm artifact form. */
  wasmLayer: "application/vnd.module.wasm.content.layer.v1+wasm",
} as const;

/** Annotation keys the images carry. */
export const Annotation = {
  /** A file name for a layer (oras and the Wasm image spec read it). */
  title: "org.opencontainers.image.title",
  /** The tag of a manifest in an image layout's index.json. */
  refName: "org.opencontainers.image.ref.name",
  /** The full image name of a manifest in an image layout, as `docker save` (25+) writes it for `docker load`. */
  imageName: "io.containerd.image.name",
  /** Marks a standard-layer Wasm image as the "compat" variant of the Wasm image spec. */
  wasmVariant: "module.wasm.image/variant",
} as const;
