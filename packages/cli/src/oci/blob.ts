import { createHash } from "node:crypto";

/** Content addressed by its digest, with the media type it is stored under. */
export interface OciBlob {
  readonly mediaType: string;
  /** `sha256:<hex>`. */
  readonly digest: string;
  readonly size: number;
  readonly bytes: Uint8Array;
  /** Annotations for the descriptor that points at this blob. */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** An OCI content descriptor: what a manifest or index stores to point at a blob. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly platform?: { readonly architecture: string; readonly os: string };
}

/** The `sha256:<hex>` digest of some bytes. */
export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/** A blob of the given bytes. */
export function blobOf(mediaType: string, bytes: Uint8Array, annotations?: Record<string, string>): OciBlob {
  return { mediaType, digest: sha256(bytes), size: bytes.length, bytes, ...(annotations ? { annotations } : {}) };
}

/**
 * A blob holding a JSON document. The bytes are `JSON.stringify` of the value as built (keys in insertion order, no
 * whitespace), so the same value always gives the same digest.
 */
export function jsonBlob(mediaType: string, value: unknown, annotations?: Record<string, string>): OciBlob {
  return blobOf(mediaType, Buffer.from(JSON.stringify(value)), annotations);
}

/** The descriptor that points at a blob. */
export function describe(blob: OciBlob): Descriptor {
  const { mediaType, digest, size, annotations } = blob;
  return { mediaType, digest, size, ...(annotations ? { annotations } : {}) };
}

/** The hex part of a digest: its file name under an image layout's `blobs/sha256/`. */
export function digestHex(digest: string): string {
  return digest.slice(digest.indexOf(":") + 1);
}
