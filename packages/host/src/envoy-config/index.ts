/** envoy.yaml: the static-config subset the local gateway runs. */
export { parseEnvoyConfig, type EnvoyConfigParse } from "./parse.js";
export { EnvoyConfigError } from "./reader.js";
export type * from "./model.js";
