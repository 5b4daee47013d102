// Generates the API reference under api/ with TypeDoc: one site for the AssemblyScript packages (proxy-wasm, resp,
// http, sdk) and one for the host's test API. TypeDoc reads AssemblyScript sources as TypeScript when given
// AssemblyScript's own declarations of its standard library (i32, u32, usize, StaticArray, changetype…); there
// those numeric types are aliases of `number`, which TypeDoc would print as `number`, so they are rewritten here
// into distinct aliases, and the reference shows `u32` where the code says `u32`. The "coming from Go" table is
// not copied: the AssemblyScript reference's front page is the SDK README's own section.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DOCS_DIR } from "./guide-blocks.mjs";

const REPO = join(DOCS_DIR, "..");
const BUILD = join(DOCS_DIR, "build");
const API = join(DOCS_DIR, "api");
const AS_PACKAGES = ["sdk", "http", "proxy-wasm", "resp"];
mkdirSync(BUILD, { recursive: true });

/** AssemblyScript's standard library declarations, with its numeric types as named aliases. */
function writeAssemblyScriptTypes() {
  const std = readFileSync(join(DOCS_DIR, "node_modules", "assemblyscript", "std", "assembly", "index.d.ts"), "utf8");
  const named = std
    .replace(/^declare type (i8|i16|i32|i64|isize|u8|u16|u32|u64|usize|f32|f64) = number;$/gm, 'declare type $1 = number & { readonly __as?: "$1" };')
    .replace(/^declare type bool = boolean \| number;$/m, 'declare type bool = boolean & { readonly __as?: "bool" };');
  if (named === std) throw new Error("AssemblyScript's index.d.ts no longer declares its numeric types as expected");
  writeFileSync(join(BUILD, "assemblyscript.d.ts"), named);
  const paths = Object.fromEntries(AS_PACKAGES.map((p) => [`@higress-ts/${p}/assembly`, [join(REPO, "packages", p, "assembly", "index.ts")]]));
  const tsconfig = {
    compilerOptions: { target: "ESNext", module: "ESNext", moduleResolution: "Bundler", noLib: true, types: [], experimentalDecorators: true, noEmit: true, paths },
    files: [join(BUILD, "assemblyscript.d.ts")],
    include: AS_PACKAGES.map((p) => join(REPO, "packages", p, "assembly", "**", "*.ts")),
    exclude: AS_PACKAGES.map((p) => join(REPO, "packages", p, "assembly", "__tests__", "**")),
  };
  writeFileSync(join(BUILD, "tsconfig.assemblyscript.json"), JSON.stringify(tsconfig, null, 2));
}

/** The front page of the AssemblyScript reference: the SDK README's Go → AssemblyScript section. */
function writeAssemblyScriptFrontPage() {
  const readme = readFileSync(join(REPO, "packages", "sdk", "README.md"), "utf8");
  const start = readme.indexOf("## Go → AssemblyScript");
  const end = readme.indexOf("\n## ", start + 1);
  if (start < 0) throw new Error('packages/sdk/README.md has no "## Go → AssemblyScript" section');
  const page = [
    "# The AssemblyScript packages",
    "",
    "`@higress-ts/sdk` (import `@higress-ts/sdk/assembly`) is the one import a plugin needs; it builds on",
    "`@higress-ts/http`, `@higress-ts/resp` and the raw ABI layer `@higress-ts/proxy-wasm`. The guide: docs/guide.md.",
    "",
    "## Coming from Go",
    "",
    "From packages/sdk/README.md:",
    "",
    readme.slice(start + "## Go → AssemblyScript".length, end < 0 ? undefined : end).trim(),
    "",
  ].join("\n");
  writeFileSync(join(BUILD, "assemblyscript-front-page.md"), page);
}

function typedoc(args) {
  const run = spawnSync(join(DOCS_DIR, "node_modules", ".bin", "typedoc"), ["--logLevel", "Error", "--excludePrivate", "--excludeProtected", "--excludeInternal", ...args], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

writeAssemblyScriptTypes();
writeAssemblyScriptFrontPage();
typedoc([
  "--name", "higress-ts: AssemblyScript packages",
  "--tsconfig", join(BUILD, "tsconfig.assemblyscript.json"),
  "--skipErrorChecking", // AssemblyScript is not TypeScript: operators on i64, decorators, builtins typed loosely
  "--readme", join(BUILD, "assemblyscript-front-page.md"),
  ...AS_PACKAGES.flatMap((p) => ["--entryPoints", join(REPO, "packages", p, "assembly", "index.ts")]),
  "--out", join(API, "assemblyscript"),
  "--json", join(API, "assemblyscript.json"),
]);
typedoc([
  "--name", "@higress-ts/host: the test API",
  "--tsconfig", join(REPO, "packages", "host", "tsconfig.json"),
  "--readme", join(REPO, "packages", "host", "README.md"),
  "--entryPoints", join(REPO, "packages", "host", "src", "index.ts"),
  "--out", join(API, "host"),
  "--json", join(API, "host.json"),
]);
writeFileSync(join(API, "index.html"), `<!doctype html>
<meta charset="utf-8">
<title>higress-ts API reference</title>
<h1>higress-ts API reference</h1>
<ul>
  <li><a href="assemblyscript/index.html">The AssemblyScript packages</a>: sdk, http, resp, proxy-wasm, and the coming-from-Go table</li>
  <li><a href="host/index.html">@higress-ts/host</a>: the local host and its test API</li>
</ul>
`);
