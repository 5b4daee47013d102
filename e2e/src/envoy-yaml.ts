/** Edits an envoy.yaml's text the way a plugin author edits it by hand, keeping its layout and comments. */
import { isMap, isSeq, parseDocument, Scalar, type Document } from "yaml";

/** Where the wasm filter's config sits inside an http filter's typed_config, TypedStruct-wrapped or not. */
const CONFIG_PATHS = [
  ["typed_config", "value", "config"],
  ["typed_config", "config"],
];

/** Paths to every wasm filter's `config` in the document. */
function wasmFilterConfigs(document: Document): unknown[][] {
  const found: unknown[][] = [];
  const listeners = document.getIn(["static_resources", "listeners"]);
  if (!isSeq(listeners)) return found;
  listeners.items.forEach((_, l) => {
    const filters = document.getIn(["static_resources", "listeners", l, "filter_chains", 0, "filters", 0, "typed_config", "http_filters"]);
    if (!isSeq(filters)) return;
    filters.items.forEach((_, f) => {
      const base = ["static_resources", "listeners", l, "filter_chains", 0, "filters", 0, "typed_config", "http_filters", f];
      for (const tail of CONFIG_PATHS) {
        const path = [...base, ...tail];
        if (isMap(document.getIn(path)) && isMap(document.getIn([...path, "vm_config"]))) found.push(path);
      }
    });
  });
  return found;
}

/**
 * The envoy.yaml with its wasm filter's plugin configuration (the `configuration` StringValue) replaced by
 * `configuration`, written as a block scalar like the guide's. The file must hold exactly one wasm filter.
 */
export function withPluginConfiguration(envoyYaml: string, configuration: string): string {
  const document = parseDocument(envoyYaml);
  if (document.errors.length > 0) throw new Error(`envoy.yaml: ${document.errors[0]!.message}`);
  const configs = wasmFilterConfigs(document);
  if (configs.length !== 1) throw new Error(`envoy.yaml: expected exactly one wasm filter, found ${configs.length}`);
  const value = new Scalar(configuration);
  value.type = Scalar.BLOCK_LITERAL;
  document.setIn([...configs[0]!, "configuration"], document.createNode({ "@type": "type.googleapis.com/google.protobuf.StringValue", value }));
  return document.toString();
}
