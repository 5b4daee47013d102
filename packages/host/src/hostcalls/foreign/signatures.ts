/**
 * Envoy's `verify_signature` and `sign` (`ext/verify_signature.proto`, `ext/sign.proto`): a key in DER or PEM
 * (exactly one), a hash function name, the text; the answer is a `VerifySignatureResult` / `SignResult` message.
 */
import { createPrivateKey, createPublicKey, sign as signText, verify as verifyText, type KeyObject } from "node:crypto";
import { WasmResult } from "../../abi/enums.js";
import type { ForeignOutcome } from "./outcome.js";
import { bytesField, decodeMessage, encodeMessage, stringField, type ProtoMessage } from "./protobuf.js";

/** The hash functions Envoy's crypto utility accepts. */
const HASH_FUNCTIONS = new Set(["sha1", "sha224", "sha256", "sha384", "sha512"]);

type KeyChoice = { readonly der: Uint8Array; readonly pem: string } | undefined;

/** Reads the DER / PEM pair; undefined (Envoy: `BAD_ARGUMENT`) unless exactly one is given. */
function keyChoice(message: ProtoMessage, derField: number, pemField: number): KeyChoice {
  const der = bytesField(message, derField);
  const pem = stringField(message, pemField);
  if (pem === undefined || (der.length > 0) === (pem.length > 0)) return undefined;
  return { der, pem };
}

function importKey(choice: NonNullable<KeyChoice>, kind: "public" | "private"): KeyObject {
  const create = kind === "public" ? createPublicKey : createPrivateKey;
  if (choice.pem.length > 0) return create(choice.pem);
  const der = Buffer.from(choice.der);
  if (kind === "public") return createPublicKey({ key: der, format: "der", type: "spki" });
  try {
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } catch {
    return createPrivateKey({ key: der, format: "der", type: "pkcs1" });
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `verify_signature`: `{hash_function 1, public_key 2, signature 3, text 4, public_key_pem 5}` → `{result 1, error 2}`. */
export function verifySignature(_vm: unknown, args: Uint8Array): ForeignOutcome {
  const message = decodeMessage(args);
  const hash = message && stringField(message, 1);
  const choice = message && keyChoice(message, 2, 5);
  if (message === undefined || hash === undefined || choice === undefined) return { status: WasmResult.BadArgument };
  let error = "";
  if (!HASH_FUNCTIONS.has(hash)) {
    error = `${hash} is not supported.`;
  } else {
    try {
      if (!verifyText(hash, bytesField(message, 4), importKey(choice, "public"), bytesField(message, 3))) error = "Failed to verify digest.";
    } catch (cause) {
      error = `Failed to verify digest: ${messageOf(cause)}`;
    }
  }
  return { status: WasmResult.Ok, result: encodeMessage([[1, error === ""], [2, error]]) };
}

/** `sign`: `{hash_function 1, private_key 2, text 3, private_key_pem 4}` → `{result 1, signature 2, error 3}`. */
export function sign(_vm: unknown, args: Uint8Array): ForeignOutcome {
  const message = decodeMessage(args);
  const hash = message && stringField(message, 1);
  const choice = message && keyChoice(message, 2, 4);
  if (message === undefined || hash === undefined || choice === undefined) return { status: WasmResult.BadArgument };
  let signature = new Uint8Array(0);
  let error = "";
  if (!HASH_FUNCTIONS.has(hash)) {
    error = `${hash} is not supported.`;
  } else {
    try {
      signature = signText(hash, bytesField(message, 3), importKey(choice, "private"));
    } catch (cause) {
      error = `Failed to sign: ${messageOf(cause)}`;
    }
  }
  return { status: WasmResult.Ok, result: encodeMessage([[1, error === ""], [2, signature], [3, error]]) };
}
