/**
 * Item 5: linear memory over a long run. One lean VM per subject runs `LONG_RUN_MIX` round-robin (bodies of 0 to
 * 16 KiB in up to 4 chunks, and the plugin's callouts answered by its clusters); memory is read in 64 KiB pages
 * after the warm-up and at each checkpoint. Pages are deterministic: the same run gives the same pages.
 */
import { LONG_RUN_MIX } from "../mixes.js";
import { checkBehaviour, startLean, type Subject } from "./subject.js";

/** Pages after each checkpoint's number of requests. */
export interface MemoryRun {
  readonly checkpoints: ReadonlyArray<readonly [requests: number, pages: number]>;
}

/** Runs `checkpoints` (ascending request counts; the first is the warm-up) and reads pages at each. */
export function measureMemory(s: Subject, checkpoints: readonly number[]): MemoryRun {
  const host = startLean(s);
  for (const request of LONG_RUN_MIX) checkBehaviour(s, host, request);
  let done = LONG_RUN_MIX.length;
  const pages: Array<readonly [number, number]> = [];
  for (const target of checkpoints) {
    for (; done < target; done++) host.request(LONG_RUN_MIX[done % LONG_RUN_MIX.length]!);
    pages.push([target, host.pages]);
  }
  return { checkpoints: pages };
}
