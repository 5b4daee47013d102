/**
 * Item 4: the host calls a plugin makes per request, counted by wrapping every function of the lean driver's
 * import object (a separate, untimed VM), over `ONE_REQUEST`s after one warm-up request.
 */
import { ONE_REQUEST } from "../mixes.js";
import { startLean, type Subject } from "./subject.js";

/** Host calls per request by import name (only those made), and their total. */
export interface HostCalls {
  readonly byImport: ReadonlyArray<readonly [name: string, perRequest: number]>;
  readonly total: number;
}

/** Counts host calls per request over `requests` requests. */
export function countHostCalls(s: Subject, requests: number): HostCalls {
  const host = startLean(s, true);
  host.request(ONE_REQUEST);
  const before = new Map(host.hostCalls);
  for (let i = 0; i < requests; i++) host.request(ONE_REQUEST);
  const byImport = [...host.hostCalls]
    .map(([name, count]) => [name, (count - before.get(name)!) / requests] as const)
    .filter(([, perRequest]) => perRequest > 0)
    .sort((a, b) => b[1] - a[1]);
  return { byImport, total: byImport.reduce((sum, [, n]) => sum + n, 0) };
}
