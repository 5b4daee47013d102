// The public API of @higress-ts/http: import it as "@higress-ts/http/assembly".
export * from "./cluster";
export { RouteCluster } from "./route-cluster";
export { HttpClient } from "./client";
export { HttpResponse } from "./response";
export { ResponseCallback } from "./pending";
export { deliverHttpCallResponse } from "./delivery";
export { DEFAULT_TIMEOUT_MS, UNKNOWN_HOST } from "./request";
