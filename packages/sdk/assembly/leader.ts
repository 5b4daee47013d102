// Leader election among the VMs (workers) of one plugin, through a lease in shared data, as the Go wrapper does:
// key `higress_wasm_vm_lease:<fingerprint>`, value `{"vmID":"<uuid>","timestamp":<unix seconds>}`, written with CAS.
import { getCurrentTimeNanoseconds, getSharedData, setSharedData, Status } from "@higress-ts/proxy-wasm/assembly";
import { JsonValue } from "./json";

/** Prefix of the shared-data key of the lease (Go `VMLeaseKeyPrefix`). */
// @ts-ignore: decorator
@lazy export const VM_LEASE_KEY_PREFIX = "higress_wasm_vm_lease";
/** Go `ConfigStoreLeaderKey`, kept for plugins that name their leader-elected config store with it. */
// @ts-ignore: decorator
@lazy export const CONFIG_STORE_LEADER_KEY = "config_store";
/** A lease not renewed for this long (seconds) may be taken by another VM. */
const LEASE_SECONDS: i64 = 60;

/**
 * Tries to take or renew the lease for `vmID`: it is taken when absent, already ours, or older than 60 s.
 * Returns whether this VM holds it afterwards.
 */
export function takeLease(fingerPrint: string, vmID: string): bool {
  const key = VM_LEASE_KEY_PREFIX + ":" + fingerPrint;
  const now = <i64>(getCurrentTimeNanoseconds() / 1_000_000_000);
  const current = getSharedData(key);
  if (current.ok) {
    const text = current.text();
    const lease = JsonValue.parse(text === null ? "" : text).value;
    const holder = lease.get("vmID").string();
    if (holder != vmID && now - lease.get("timestamp").int() <= LEASE_SECONDS) return false;
  } else if (current.status != Status.NotFound) {
    return false;
  }
  const value = '{"vmID":"' + vmID + '","timestamp":' + now.toString() + "}";
  return setSharedData(key, String.UTF8.encode(value), current.cas) == Status.Ok;
}

/** A random version-4 UUID (the VM's id in the lease). */
export function randomUuid(): string {
  const hex = "0123456789abcdef";
  let id = "";
  for (let i = 0; i < 36; i++) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      id += "-";
      continue;
    }
    let digit = <i32>(Math.random() * 16);
    if (i == 14) digit = 4;
    else if (i == 19) digit = 8 | (digit & 3);
    id += hex.charAt(digit);
  }
  return id;
}
