/** One access log line per request, in Envoy's default format. */

/** What the line reports about one request (Envoy's command operators in brackets). */
export interface AccessRecord {
  /** %START_TIME% */
  readonly start: Date;
  /** %REQ(:METHOD)% */
  readonly method: string;
  /** %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% */
  readonly path: string;
  /** %PROTOCOL% */
  readonly protocol: string;
  /** %RESPONSE_CODE% (0 when the stream was reset before a response) */
  status: number;
  /** %RESPONSE_FLAGS% (NR no route, UF upstream connection failure, UT upstream timeout, DC downstream disconnect) */
  readonly flags: Set<string>;
  /** %BYTES_RECEIVED% */
  bytesReceived: number;
  /** %BYTES_SENT% */
  bytesSent: number;
  /** %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% */
  upstreamServiceTime: string | undefined;
  /** %REQ(X-FORWARDED-FOR)% */
  readonly forwardedFor: string | undefined;
  /** %REQ(USER-AGENT)% */
  readonly userAgent: string | undefined;
  /** %REQ(X-REQUEST-ID)% */
  readonly requestId: string | undefined;
  /** %REQ(:AUTHORITY)% */
  readonly authority: string;
  /** %UPSTREAM_HOST% */
  upstreamHost: string | undefined;
}

const orDash = (value: string | number | undefined) => (value === undefined || value === "" ? "-" : String(value));

/**
 * Envoy's default format:
 * `[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS%
 * %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%"
 * "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"`.
 */
export function formatAccessLog(record: AccessRecord, end: Date): string {
  const flags = record.flags.size === 0 ? "-" : [...record.flags].join(",");
  return (
    `[${record.start.toISOString()}] "${record.method} ${record.path} ${record.protocol}" ${record.status} ${flags} ` +
    `${record.bytesReceived} ${record.bytesSent} ${end.getTime() - record.start.getTime()} ${orDash(record.upstreamServiceTime)} ` +
    `"${orDash(record.forwardedFor)}" "${orDash(record.userAgent)}" "${orDash(record.requestId)}" ` +
    `"${orDash(record.authority)}" "${orDash(record.upstreamHost)}"`
  );
}
