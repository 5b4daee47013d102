import { ByteReader, MalformedModuleError } from "./byte-reader.js";
import type { ExternalKind, FunctionSignature, ValueType, WasmExport, WasmImport, WasmModuleInfo } from "./wasm-types.js";

/** The outcome of reading a module: its description, or why its bytes are not a well-formed module. */
export type ParseResult =
  | { readonly ok: true; readonly module: WasmModuleInfo }
  | { readonly ok: false; readonly reason: string; readonly offset: number };

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const VERSION = [0x01, 0x00, 0x00, 0x00];

const SECTION_NAMES = [
  "custom", "type", "import", "function", "table", "memory", "global",
  "export", "start", "element", "code", "data", "data count", "tag",
];

const VALUE_TYPES: ReadonlyMap<number, ValueType> = new Map([
  [0x7f, "i32"], [0x7e, "i64"], [0x7d, "f32"], [0x7c, "f64"], [0x7b, "v128"], [0x70, "funcref"], [0x6f, "externref"],
]);

const EXTERNAL_KINDS: readonly ExternalKind[] = ["function", "table", "memory", "global", "tag"];

/**
 * Reads the parts of a WebAssembly binary that decide whether a proxy-wasm host can load it: the type, import,
 * function, memory, export and start sections and the function names of the custom "name" section. Other
 * sections are only checked to be in bounds. Never throws: malformed bytes give the reason and byte offset.
 */
export function parseWasmModule(bytes: Uint8Array): ParseResult {
  try {
    return { ok: true, module: readModule(new ByteReader(bytes)) };
  } catch (error) {
    if (error instanceof MalformedModuleError) return { ok: false, reason: error.reason, offset: error.offset };
    throw error;
  }
}

function readModule(reader: ByteReader): WasmModuleInfo {
  expectBytes(reader, MAGIC, "the Wasm magic number 00 61 73 6d", "not a Wasm binary");
  expectBytes(reader, VERSION, "the Wasm binary version 01 00 00 00", "unsupported Wasm binary version");

  const types: FunctionSignature[] = [];
  const functionTypes: number[] = [];
  const imports: WasmImport[] = [];
  const exportEntries: { name: string; kind: ExternalKind; index: number; offset: number }[] = [];
  let start: { index: number; offset: number } | null = null;
  let definesMemory = false;
  let functionNames = new Map<number, string>();

  while (!reader.atEnd) {
    const sectionOffset = reader.offset;
    const id = reader.u8("a section id");
    const label = SECTION_NAMES[id];
    if (label === undefined) throw new MalformedModuleError(`unknown section id ${id}`, sectionOffset);
    const title = `section ${id} (${label})`;
    const size = reader.u32(`the size of ${title}`);
    const section = reader.window(size, title);
    switch (id) {
      case 0: {
        const name = section.name("the custom section name");
        if (name === "name") functionNames = readFunctionNames(section);
        continue;
      }
      case 1:
        readVector(section, "type", () => types.push(readFunctionType(section)));
        break;
      case 2:
        readVector(section, "import", () => imports.push(readImport(section, types, functionTypes)));
        break;
      case 3:
        readVector(section, "function", () => functionTypes.push(typeIndex(section, types)));
        break;
      case 5:
        definesMemory = section.u32("the memory count") > 0;
        continue;
      case 7:
        readVector(section, "export", () => {
          const name = section.name("an export name");
          const kind = externalKind(section);
          const offset = section.offset;
          exportEntries.push({ name, kind, offset, index: section.u32(`the index of export "${name}"`) });
        });
        break;
      case 8:
        start = { offset: section.offset, index: section.u32("the start function index") };
        break;
      default:
        continue;
    }
    section.expectEnd(title);
  }

  const functionCount = functionTypes.length;
  const exports = exportEntries.map(({ name, kind, index, offset }): WasmExport => {
    if (kind !== "function") return { name, kind };
    const typeIndex = functionTypes[index];
    if (typeIndex === undefined) {
      throw new MalformedModuleError(`export "${name}" names function ${index}, but the module has ${functionCount} functions`, offset);
    }
    return { name, kind, signature: types[typeIndex]! };
  });
  if (start !== null && start.index >= functionCount) {
    throw new MalformedModuleError(`the start section names function ${start.index}, but the module has ${functionCount} functions`, start.offset);
  }
  return { imports, exports, startFunction: start?.index ?? null, definesMemory, functionNames };
}

function expectBytes(reader: ByteReader, expected: readonly number[], what: string, problem: string): void {
  const start = reader.offset;
  const found: number[] = [];
  while (found.length < expected.length && !reader.atEnd) found.push(reader.u8(what));
  if (found.some((byte, i) => byte !== expected[i])) {
    throw new MalformedModuleError(`${problem}: expected ${what}, found ${hex(found)}`, start);
  }
  if (found.length < expected.length) {
    if (reader.end === 0) throw new MalformedModuleError("the file is empty", 0);
    throw new MalformedModuleError(`unexpected end of data while reading ${what}`, reader.offset);
  }
}

function hex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

function readVector(reader: ByteReader, what: string, readEntry: () => void): void {
  const count = reader.u32(`the ${what} count`);
  for (let i = 0; i < count; i++) readEntry();
}

function readFunctionType(reader: ByteReader): FunctionSignature {
  const offset = reader.offset;
  const form = reader.u8("a type form");
  if (form !== 0x60) {
    throw new MalformedModuleError(`type form 0x${form.toString(16)} is not a function type (0x60)`, offset);
  }
  const params = readValueTypes(reader, "parameter");
  const results = readValueTypes(reader, "result");
  return { params, results };
}

function readValueTypes(reader: ByteReader, what: string): ValueType[] {
  const types: ValueType[] = [];
  readVector(reader, what, () => types.push(valueType(reader, `a ${what} type`)));
  return types;
}

function valueType(reader: ByteReader, what: string): ValueType {
  const offset = reader.offset;
  const code = reader.u8(what);
  const type = VALUE_TYPES.get(code);
  if (type === undefined) throw new MalformedModuleError(`unknown value type 0x${code.toString(16)}`, offset);
  return type;
}

function externalKind(reader: ByteReader): ExternalKind {
  const offset = reader.offset;
  const code = reader.u8("an import or export kind");
  const kind = EXTERNAL_KINDS[code];
  if (kind === undefined) throw new MalformedModuleError(`unknown import or export kind ${code}`, offset);
  return kind;
}

function typeIndex(reader: ByteReader, types: readonly FunctionSignature[]): number {
  const offset = reader.offset;
  const index = reader.u32("a type index");
  if (index >= types.length) {
    throw new MalformedModuleError(`type index ${index} is out of range (the type section has ${types.length} types)`, offset);
  }
  return index;
}

function readImport(reader: ByteReader, types: readonly FunctionSignature[], functionTypes: number[]): WasmImport {
  const module = reader.name("an import module name");
  const name = reader.name("an import name");
  const kind = externalKind(reader);
  switch (kind) {
    case "function": {
      const index = typeIndex(reader, types);
      functionTypes.push(index);
      return { module, name, kind, signature: types[index]! };
    }
    case "table":
      valueType(reader, "a table element type");
      readLimits(reader);
      break;
    case "memory":
      readLimits(reader);
      break;
    case "global":
      valueType(reader, "a global type");
      reader.u8("a global mutability flag");
      break;
    case "tag":
      reader.u8("a tag attribute");
      typeIndex(reader, types);
      break;
  }
  return { module, name, kind };
}

function readLimits(reader: ByteReader): void {
  const flags = reader.u8("limits flags");
  const is64 = (flags & 0x04) !== 0;
  const read = (what: string) => (is64 ? reader.skipU64(what) : reader.u32(what));
  read("a minimum size");
  if (flags & 0x01) read("a maximum size");
}

/** Reads the function names subsection (id 1) of the "name" section, as proxy-wasm-cpp-host does. */
function readFunctionNames(section: ByteReader): Map<number, string> {
  const names = new Map<number, string>();
  while (!section.atEnd) {
    const id = section.u8("a name subsection id");
    const size = section.u32("the size of a name subsection");
    const subsection = section.window(size, `name subsection ${id}`);
    if (id !== 1) continue;
    readVector(subsection, "function name", () => {
      const index = subsection.u32("a function index");
      names.set(index, subsection.name(`the name of function ${index}`));
    });
    subsection.expectEnd("the function names subsection");
  }
  return names;
}
