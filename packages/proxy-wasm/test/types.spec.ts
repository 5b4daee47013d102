import {
  Action, BufferType, DataStatus, GrpcStatus, HeaderStatus, LogLevel, MapType, MetricType, PeerType, RedisStatus,
  Status, StreamType,
} from "../assembly/types";

describe("ABI numbers", () => {
  it("match proxy_status_t and cpp-host's WasmResult", () => {
    expect<i32>(Status.Ok).toBe(0);
    expect<i32>(Status.NotFound).toBe(1);
    expect<i32>(Status.BadArgument).toBe(2);
    expect<i32>(Status.SerializationFailure).toBe(3);
    expect<i32>(Status.ParseFailure).toBe(4);
    expect<i32>(Status.BadExpression).toBe(5);
    expect<i32>(Status.InvalidMemoryAccess).toBe(6);
    expect<i32>(Status.Empty).toBe(7);
    expect<i32>(Status.CasMismatch).toBe(8);
    expect<i32>(Status.ResultMismatch).toBe(9);
    expect<i32>(Status.InternalFailure).toBe(10);
    expect<i32>(Status.BrokenConnection).toBe(11);
    expect<i32>(Status.Unimplemented).toBe(12);
  });

  it("match proxy_log_level_t", () => {
    expect<i32>(LogLevel.Trace).toBe(0);
    expect<i32>(LogLevel.Debug).toBe(1);
    expect<i32>(LogLevel.Info).toBe(2);
    expect<i32>(LogLevel.Warn).toBe(3);
    expect<i32>(LogLevel.Error).toBe(4);
    expect<i32>(LogLevel.Critical).toBe(5);
  });

  it("match the 0.2.1 actions and Higress's 0.2.100 header and data statuses", () => {
    expect<i32>(Action.Continue).toBe(0);
    expect<i32>(Action.Pause).toBe(1);
    expect<i32>(HeaderStatus.Continue).toBe(0);
    expect<i32>(HeaderStatus.StopIteration).toBe(1);
    expect<i32>(HeaderStatus.ContinueAndEndStream).toBe(2);
    expect<i32>(HeaderStatus.StopAllIterationAndBuffer).toBe(3);
    expect<i32>(HeaderStatus.StopAllIterationAndWatermark).toBe(4);
    expect<i32>(DataStatus.Continue).toBe(0);
    expect<i32>(DataStatus.StopIterationAndBuffer).toBe(1);
    expect<i32>(DataStatus.StopIterationAndWatermark).toBe(2);
    expect<i32>(DataStatus.StopIterationNoBuffer).toBe(3);
  });

  it("match proxy_buffer_type_t, with Higress's Redis response as 9", () => {
    expect<i32>(BufferType.HttpRequestBody).toBe(0);
    expect<i32>(BufferType.HttpResponseBody).toBe(1);
    expect<i32>(BufferType.DownstreamData).toBe(2);
    expect<i32>(BufferType.UpstreamData).toBe(3);
    expect<i32>(BufferType.HttpCallResponseBody).toBe(4);
    expect<i32>(BufferType.GrpcReceiveBuffer).toBe(5);
    expect<i32>(BufferType.VmConfiguration).toBe(6);
    expect<i32>(BufferType.PluginConfiguration).toBe(7);
    expect<i32>(BufferType.CallData).toBe(8);
    expect<i32>(BufferType.RedisCallResponse).toBe(9);
  });

  it("match proxy_map_type_t", () => {
    expect<i32>(MapType.HttpRequestHeaders).toBe(0);
    expect<i32>(MapType.HttpRequestTrailers).toBe(1);
    expect<i32>(MapType.HttpResponseHeaders).toBe(2);
    expect<i32>(MapType.HttpResponseTrailers).toBe(3);
    expect<i32>(MapType.GrpcReceiveInitialMetadata).toBe(4);
    expect<i32>(MapType.GrpcReceiveTrailingMetadata).toBe(5);
    expect<i32>(MapType.HttpCallResponseHeaders).toBe(6);
    expect<i32>(MapType.HttpCallResponseTrailers).toBe(7);
  });

  it("match the stream, metric, peer and Redis status types", () => {
    expect<i32>(StreamType.HttpRequest).toBe(0);
    expect<i32>(StreamType.HttpResponse).toBe(1);
    expect<i32>(StreamType.Downstream).toBe(2);
    expect<i32>(StreamType.Upstream).toBe(3);
    expect<i32>(MetricType.Counter).toBe(0);
    expect<i32>(MetricType.Gauge).toBe(1);
    expect<i32>(MetricType.Histogram).toBe(2);
    expect<i32>(PeerType.Unknown).toBe(0);
    expect<i32>(PeerType.Local).toBe(1);
    expect<i32>(PeerType.Remote).toBe(2);
    expect<i32>(RedisStatus.Ok).toBe(0);
    expect<i32>(RedisStatus.NetworkError).toBe(1);
  });

  it("match gRPC status codes, with -1 for no status", () => {
    expect<i32>(GrpcStatus.Ok).toBe(0);
    expect<i32>(GrpcStatus.Canceled).toBe(1);
    expect<i32>(GrpcStatus.DeadlineExceeded).toBe(4);
    expect<i32>(GrpcStatus.Unavailable).toBe(14);
    expect<i32>(GrpcStatus.Unauthenticated).toBe(16);
    expect<i32>(GrpcStatus.InvalidCode).toBe(-1);
  });
});
