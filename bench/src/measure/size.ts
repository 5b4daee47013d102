/** Item 1: a module's size as shipped (raw bytes) and as pulled from a registry layer (gzip, level 9). */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** Raw and gzip sizes in bytes. */
export interface ModuleSize {
  readonly raw: number;
  readonly gzip: number;
}

/** Measures a main.wasm. */
export function moduleSize(file: string): ModuleSize {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
