// The callbacks an SDK plugin acts on: VM and plugin start, ticks, contexts' creation, access log and deletion,
// HTTP headers and bodies, and the answers of HTTP and Redis calls. The SDK does nothing on the others (no
// trailers or metadata, as in Go; no TCP, gRPC, shared queues or foreign functions; configuration validation
// and `on_done` would answer the defaults, true), and a callback a module does not export is one Envoy skips
// with that same default, so leaving them out changes nothing but the module's size. The allocator is exported
// once, as `malloc`, the name cpp-host looks for first. The ABI entries next to this file export these.
export {
  malloc,
  proxy_on_vm_start, proxy_on_configure, proxy_on_tick, proxy_on_context_create, proxy_on_log, proxy_on_delete,
  proxy_on_request_headers, proxy_on_request_body, proxy_on_response_headers, proxy_on_response_body,
  proxy_on_http_call_response, proxy_on_redis_call_response,
} from "@higress-ts/proxy-wasm/assembly/exports";
