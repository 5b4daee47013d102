/** The `@type` / `type_url` names of the Envoy messages the local gateway reads. */
export const TypeUrl = {
  httpConnectionManager: "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
  router: "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
  wasm: "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
  stringValue: "type.googleapis.com/google.protobuf.StringValue",
  stdoutAccessLog: "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog",
  stderrAccessLog: "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StderrAccessLog",
  fileAccessLog: "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
} as const;

/** The wrappers Envoy unpacks into the message named by their `type_url`. */
export const TYPED_STRUCTS: readonly string[] = [
  "type.googleapis.com/udpa.type.v1.TypedStruct",
  "type.googleapis.com/xds.type.v3.TypedStruct",
];
