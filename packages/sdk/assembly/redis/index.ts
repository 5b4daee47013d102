// The Redis client of the SDK (Go `RedisClient`, `NewRedisClusterClient`, `RedisCall`), on @higress-ts/resp.
export { newRedisClusterClient, NOT_INITIALISED, redisCall, RedisClusterClient } from "./client";
export { deliverRedisCallResponse } from "./delivery";
export { RedisOptions } from "./options";
export { RedisResponseCallback } from "./pending";
export { CANNOT_CONNECT, CANNOT_GET_RESPONSE, CANNOT_READ_RESPONSE } from "./reply";
export { RespType, RespValue } from "@higress-ts/resp/assembly/index";
