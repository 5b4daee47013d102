// The callbacks an SDK plugin can receive: VM and plugin lifecycle, contexts, HTTP headers and bodies, and the
// answers of HTTP and Redis calls. The SDK wraps nothing else (no trailers or metadata, as in Go; no TCP, gRPC,
// shared queues or foreign-function callbacks), and a callback a module does not export is one Envoy skips, so
// leaving them out changes nothing but the module's size. The ABI entries next to this file export these.
export {
  malloc, proxy_on_memory_allocate,
  proxy_on_vm_start, proxy_validate_configuration, proxy_on_configure, proxy_on_tick,
  proxy_on_context_create, proxy_on_done, proxy_on_log, proxy_on_delete,
  proxy_on_request_headers, proxy_on_request_body, proxy_on_response_headers, proxy_on_response_body,
  proxy_on_http_call_response, proxy_on_redis_call_response,
} from "@higress-ts/proxy-wasm/assembly/exports";
