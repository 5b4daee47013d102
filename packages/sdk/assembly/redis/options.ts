// The options of `RedisClusterClient.init` (Go `WithDataBase`, `WithBufferFlushTimeout`, ...) and the cluster name
// with parameters that `proxy_redis_init` receives.

/** Go's default `buffer_flush_timeout` (ms) when the option is not given. */
export const DEFAULT_BUFFER_FLUSH_TIMEOUT_MS: i64 = 3;
/** Go's default `max_buffer_size_before_flush` (bytes) when the option is not given. */
export const DEFAULT_MAX_BUFFER_SIZE_BEFORE_FLUSH: i64 = 1024;

/**
 * How Envoy's Redis client of the cluster is set up, chained like Go's option functions:
 * `new RedisOptions().withDataBase(1).withDisableBuffer()`.
 */
export class RedisOptions {
  /** The database `SELECT`ed on each connection; 0 is Redis's default and is not sent. */
  dataBase: i32 = 0;
  /** How long Envoy holds commands before writing them, in ms. */
  bufferFlushTimeoutMs: i64 = DEFAULT_BUFFER_FLUSH_TIMEOUT_MS;
  /** How many bytes Envoy buffers before writing them at once. */
  maxBufferSizeBeforeFlush: i64 = DEFAULT_MAX_BUFFER_SIZE_BEFORE_FLUSH;

  /** Go `WithDataBase`. */
  withDataBase(dataBase: i32): RedisOptions {
    this.dataBase = dataBase;
    return this;
  }

  /** Go `WithBufferFlushTimeout` (ms). */
  withBufferFlushTimeout(timeoutMs: i64): RedisOptions {
    this.bufferFlushTimeoutMs = timeoutMs;
    return this;
  }

  /** Go `WithMaxBufferSizeBeforeFlush` (bytes). */
  withMaxBufferSizeBeforeFlush(size: i64): RedisOptions {
    this.maxBufferSizeBeforeFlush = size;
    return this;
  }

  /** Go `WithDisableBuffer`: every command is written at once (both buffer settings 0). */
  withDisableBuffer(): RedisOptions {
    this.bufferFlushTimeoutMs = 0;
    this.maxBufferSizeBeforeFlush = 0;
    return this;
  }

  /**
   * The cluster name `proxy_redis_init` gets, as Go builds it:
   * `outbound|6379||redis.dns?db=1&buffer_flush_timeout=3&max_buffer_size_before_flush=1024` (`db` only when not 0).
   */
  clusterNameWithParams(clusterName: string): string {
    let params = clusterName + "?";
    if (this.dataBase != 0) params += "db=" + this.dataBase.toString() + "&";
    return params + "buffer_flush_timeout=" + this.bufferFlushTimeoutMs.toString() +
      "&max_buffer_size_before_flush=" + this.maxBufferSizeBeforeFlush.toString();
  }
}
