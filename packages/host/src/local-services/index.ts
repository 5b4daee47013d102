/** Real upstream services (httpbin, redis-server) on free loopback ports, for tests and the local gateway. */
export { freePort } from "./free-port.js";
export { startHttpbin } from "./httpbin.js";
export { startRedis, type RedisOptions } from "./redis.js";
export type { LocalService } from "./service-process.js";
