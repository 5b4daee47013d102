// The Redis client of a cluster: Higress's `RedisClusterClient` without closures. Each command is sent as Go sends
// it (reference §4.2: lower-case name, every argument a bulk string) and answers `callback(reply, context)`.
import { Cluster } from "@higress-ts/http/assembly";
import { redisInit, Status } from "@higress-ts/proxy-wasm/assembly";
import { CommandWriter } from "@higress-ts/resp/assembly/index";
import { log } from "../log";
import { RedisOptions } from "./options";
import { dispatchRedisCall, NoAuthRetry, RedisResponseCallback } from "./pending";

/** Go's error for a command sent before `init`. */
@lazy export const NOT_INITIALISED = "redis client is not ready, please call Init() first";

/** One command at a time is built here; `finish()` empties it for the next. */
@lazy const writer = new CommandWriter();

/** Starts a command: its name as the first bulk string. */
function command(name: string): CommandWriter {
  return writer.string(name);
}

/** Writes each string as a bulk string. */
function strings(command: CommandWriter, values: string[]): CommandWriter {
  for (let i = 0; i < values.length; i++) command.string(values[i]);
  return command;
}

/** Writes each entry as two bulk strings, key first (`mset`, `hmset`) or value first (`zadd`: score, member). */
function entries(command: CommandWriter, map: Map<string, string>, valueFirst: bool): CommandWriter {
  const keys = map.keys();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (valueFirst) command.string(map.get(key)).string(key);
    else command.string(key).string(map.get(key));
  }
  return command;
}

/**
 * Sends Redis commands to one cluster (Go `NewRedisClusterClient(cluster)`). Call `init` once, at plugin start
 * (in the config parser); each command then returns at once — null when sent, else an `Error` — and its reply
 * comes later to `callback(reply, context)`. When `context` is a proxy-wasm `Context` (typically the request's
 * `HttpContext`), the callback runs with that stream as the effective context, so it can resume or answer it.
 *
 * Go's `interface{}` arguments are strings here (Go sends `fmt.Sprint(value)`: pass `n.toString()`); its `int`
 * arguments are `i64`, `float64` is `f64` (written as Go prints it). Maps keep their insertion order.
 */
export class RedisClusterClient implements NoAuthRetry {
  private initialised: bool = false;
  private isReady: bool = false;
  private username: string = "";
  private password: string = "";
  private timeoutMs: u32 = 0;
  private options: RedisOptions = new RedisOptions();

  constructor(
    /** Where the commands go; its `clusterName()` names the Envoy cluster. */
    public readonly cluster: Cluster,
  ) {}

  /**
   * Sets up the host's Redis client for the cluster with `username`/`password` (both empty: no AUTH), the
   * per-operation timeout and `options` (database, buffering). As in Go, a refusal is not returned: it is logged
   * (`failed to init redis: ..., will retry later`) and every later command first tries again.
   */
  init(username: string, password: string, timeoutMs: u32, options: RedisOptions | null = null): void {
    this.username = username;
    this.password = password;
    this.timeoutMs = timeoutMs;
    if (options !== null) this.options = options;
    this.initialised = true;
    this.isReady = false;
    const error = this.checkReady();
    if (error !== null) log.warn("failed to init redis: " + error.message + ", will retry later");
  }

  /** Whether the host accepted the last init. */
  ready(): bool {
    return this.isReady;
  }

  /** Re-runs init after a `NOAUTH` reply (the password may have changed); true when the host accepted it. */
  reinit(): bool {
    this.isReady = false;
    return this.checkReady() === null;
  }

  /** Go's `checkReadyFunc`: null when ready, else why not (never initialised, or the host refused the init). */
  private checkReady(): Error | null {
    if (!this.initialised) return new Error(NOT_INITIALISED);
    if (this.isReady) return null;
    const name = this.options.clusterNameWithParams(this.cluster.clusterName());
    const status = redisInit(name, this.username, this.password, this.timeoutMs);
    if (status != Status.Ok) return new Error("redis init of \"" + name + "\" failed: status " + (<i32>status).toString());
    this.isReady = true;
    return null;
  }

  /** Finishes the command being built and sends it, once the client is ready. */
  private send<C>(built: CommandWriter, callback: RedisResponseCallback<C>, context: C): Error | null {
    const query = built.finish();
    const error = this.checkReady();
    if (error !== null) return error;
    return dispatchRedisCall<C>(this.cluster.clusterName(), query, callback, context, this);
  }

  /** Sends `args` as given (Go `Command`), e.g. `["hset", "k", "f", "v"]`. */
  command<C>(args: string[], callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(strings(writer, args), callback, context);
  }

  /** `eval script numkeys key… arg…`. */
  eval<C>(
    script: string, numkeys: i32, keys: string[], args: string[], callback: RedisResponseCallback<C>, context: C,
  ): Error | null {
    return this.send<C>(strings(strings(command("eval").string(script).int(numkeys), keys), args), callback, context);
  }

  // Key

  /** `del key`. */
  del<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("del").string(key), callback, context);
  }

  /** `exists key`. */
  exists<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("exists").string(key), callback, context);
  }

  /** `expire key ttl` (seconds). */
  expire<C>(key: string, ttl: i64, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("expire").string(key).int(ttl), callback, context);
  }

  /** `persist key`. */
  persist<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("persist").string(key), callback, context);
  }

  // String

  /** `get key`. */
  get<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("get").string(key), callback, context);
  }

  /** `set key value`. */
  set<C>(key: string, value: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("set").string(key).string(value), callback, context);
  }

  /** `set key value ex ttl`. */
  setEx<C>(key: string, value: string, ttl: i64, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("set").string(key).string(value).string("ex").int(ttl), callback, context);
  }

  /** `set key value nx`, with `ex ttl` only when `ttl > 0`. */
  setNX<C>(key: string, value: string, ttl: i64, callback: RedisResponseCallback<C>, context: C): Error | null {
    const built = command("set").string(key).string(value).string("nx");
    if (ttl > 0) built.string("ex").int(ttl);
    return this.send<C>(built, callback, context);
  }

  /** `mget key…`. */
  mget<C>(keys: string[], callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(strings(command("mget"), keys), callback, context);
  }

  /** `mset key value …`, in the map's order. */
  mset<C>(kvMap: Map<string, string>, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(entries(command("mset"), kvMap, false), callback, context);
  }

  /** `incr key`. */
  incr<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("incr").string(key), callback, context);
  }

  /** `decr key`. */
  decr<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("decr").string(key), callback, context);
  }

  /** `incrby key delta`. */
  incrBy<C>(key: string, delta: i64, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("incrby").string(key).int(delta), callback, context);
  }

  /** `decrby key delta`. */
  decrBy<C>(key: string, delta: i64, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("decrby").string(key).int(delta), callback, context);
  }

  // List

  /** `llen key`. */
  lLen<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("llen").string(key), callback, context);
  }

  /** `rpush key value…`. */
  rPush<C>(key: string, vals: string[], callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(strings(command("rpush").string(key), vals), callback, context);
  }

  /** `rpop key`. */
  rPop<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("rpop").string(key), callback, context);
  }

  /** `lpush key value…`. */
  lPush<C>(key: string, vals: string[], callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(strings(command("lpush").string(key), vals), callback, context);
  }

  /** `lpop key`. */
  lPop<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("lpop").string(key), callback, context);
  }

  /** `lindex key index`. */
  lIndex<C>(key: string, index: i64, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("lindex").string(key).int(index), callback, context);
  }

  /** `lrange key start stop`. */
  lRange<C>(key: string, start: i64, stop: i64, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("lrange").string(key).int(start).int(stop), callback, context);
  }

  /** `lrem key count value`. */
  lRem<C>(key: string, count: i64, value: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("lrem").string(key).int(count).string(value), callback, context);
  }

  /** `linsert key before pivot value`. */
  lInsertBefore<C>(
    key: string, pivot: string, value: string, callback: RedisResponseCallback<C>, context: C,
  ): Error | null {
    return this.send<C>(command("linsert").string(key).string("before").string(pivot).string(value), callback, context);
  }

  /** `linsert key after pivot value`. */
  lInsertAfter<C>(
    key: string, pivot: string, value: string, callback: RedisResponseCallback<C>, context: C,
  ): Error | null {
    return this.send<C>(command("linsert").string(key).string("after").string(pivot).string(value), callback, context);
  }

  // Hash

  /** `hexists key field`. */
  hExists<C>(key: string, field: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("hexists").string(key).string(field), callback, context);
  }

  /** `hdel key field…`. */
  hDel<C>(key: string, fields: string[], callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(strings(command("hdel").string(key), fields), callback, context);
  }

  /** `hlen key`. */
  hLen<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("hlen").string(key), callback, context);
  }

  /** `hget key field`. */
  hGet<C>(key: string, field: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("hget").string(key).string(field), callback, context);
  }

  /** `hset key field value`. */
  hSet<C>(key: string, field: string, value: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("hset").string(key).string(field).string(value), callback, context);
  }

  /** `hmget key field…`. */
  hMGet<C>(key: string, fields: string[], callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(strings(command("hmget").string(key), fields), callback, context);
  }

  /** `hmset key field value …`, in the map's order. */
  hMSet<C>(key: string, kvMap: Map<string, string>, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(entries(command("hmset").string(key), kvMap, false), callback, context);
  }

  /** `hkeys key`. */
  hKeys<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("hkeys").string(key), callback, context);
  }

  /** `hvals key`. */
  hVals<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("hvals").string(key), callback, context);
  }

  /** `hgetall key`. */
  hGetAll<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("hgetall").string(key), callback, context);
  }

  /** `hincrby key field delta`. */
  hIncrBy<C>(key: string, field: string, delta: i64, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("hincrby").string(key).string(field).int(delta), callback, context);
  }

  /** `hincrbyfloat key field delta`. */
  hIncrByFloat<C>(
    key: string, field: string, delta: f64, callback: RedisResponseCallback<C>, context: C,
  ): Error | null {
    return this.send<C>(command("hincrbyfloat").string(key).string(field).float(delta), callback, context);
  }

  // Set

  /** `scard key`. */
  sCard<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("scard").string(key), callback, context);
  }

  /** `sadd key member…`. */
  sAdd<C>(key: string, values: string[], callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(strings(command("sadd").string(key), values), callback, context);
  }

  /** `srem key member…`. */
  sRem<C>(key: string, values: string[], callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(strings(command("srem").string(key), values), callback, context);
  }

  /** `sismember key member`. */
  sIsMember<C>(key: string, value: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("sismember").string(key).string(value), callback, context);
  }

  /** `smembers key`. */
  sMembers<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("smembers").string(key), callback, context);
  }

  /** `sdiff key1 key2`. */
  sDiff<C>(key1: string, key2: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("sdiff").string(key1).string(key2), callback, context);
  }

  /** `sdiffstore destination key1 key2`. */
  sDiffStore<C>(
    destination: string, key1: string, key2: string, callback: RedisResponseCallback<C>, context: C,
  ): Error | null {
    return this.send<C>(command("sdiffstore").string(destination).string(key1).string(key2), callback, context);
  }

  /** `sinter key1 key2`. */
  sInter<C>(key1: string, key2: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("sinter").string(key1).string(key2), callback, context);
  }

  /** `sinterstore destination key1 key2`. */
  sInterStore<C>(
    destination: string, key1: string, key2: string, callback: RedisResponseCallback<C>, context: C,
  ): Error | null {
    return this.send<C>(command("sinterstore").string(destination).string(key1).string(key2), callback, context);
  }

  /** `sunion key1 key2`. */
  sUnion<C>(key1: string, key2: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("sunion").string(key1).string(key2), callback, context);
  }

  /** `sunionstore destination key1 key2`. */
  sUnionStore<C>(
    destination: string, key1: string, key2: string, callback: RedisResponseCallback<C>, context: C,
  ): Error | null {
    return this.send<C>(command("sunionstore").string(destination).string(key1).string(key2), callback, context);
  }

  // Sorted set

  /** `zcard key`. */
  zCard<C>(key: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("zcard").string(key), callback, context);
  }

  /** `zadd key score member …` from a map of member → score, in the map's order. */
  zAdd<C>(key: string, msMap: Map<string, string>, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(entries(command("zadd").string(key), msMap, true), callback, context);
  }

  /** `zcount key min max` (`-inf`, `(1`, `5` ...). */
  zCount<C>(key: string, min: string, max: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("zcount").string(key).string(min).string(max), callback, context);
  }

  /** `zincrby key delta member`. */
  zIncrBy<C>(key: string, member: string, delta: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("zincrby").string(key).string(delta).string(member), callback, context);
  }

  /** `zscore key member`. */
  zScore<C>(key: string, member: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("zscore").string(key).string(member), callback, context);
  }

  /** `zrank key member`. */
  zRank<C>(key: string, member: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("zrank").string(key).string(member), callback, context);
  }

  /** `zrevrank key member`. */
  zRevRank<C>(key: string, member: string, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("zrevrank").string(key).string(member), callback, context);
  }

  /** `zrem key member…`. */
  zRem<C>(key: string, members: string[], callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(strings(command("zrem").string(key), members), callback, context);
  }

  /** `zrange key start stop`. */
  zRange<C>(key: string, start: i64, stop: i64, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("zrange").string(key).int(start).int(stop), callback, context);
  }

  /** `zrevrange key start stop`. */
  zRevRange<C>(key: string, start: i64, stop: i64, callback: RedisResponseCallback<C>, context: C): Error | null {
    return this.send<C>(command("zrevrange").string(key).int(start).int(stop), callback, context);
  }
}

/** Go `NewRedisClusterClient`: a client of `cluster`, not yet initialised. */
export function newRedisClusterClient(cluster: Cluster): RedisClusterClient {
  return new RedisClusterClient(cluster);
}

/**
 * Go `RedisCall`: sends a raw RESP `query` to `cluster` with no readiness check and no `NOAUTH` retry. Null when
 * sent; otherwise the host's refusal.
 */
export function redisCall<C>(cluster: Cluster, query: ArrayBuffer, callback: RedisResponseCallback<C>, context: C): Error | null {
  return dispatchRedisCall<C>(cluster.clusterName(), query, callback, context, null);
}
