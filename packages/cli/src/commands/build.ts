import { existsSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Command, Option } from "commander";
import { inspectModule, type AbiVersion, type HostMode, type ModuleReport } from "@higress-ts/host";
import { compile } from "../compiler/compile.js";
import { findProxyWasm } from "../compiler/proxy-wasm-package.js";
import { displayPath } from "../display-path.js";
import { formatReport, hostName } from "../report-printer.js";
import { fail } from "./fail.js";

/** An ABI version a plugin can be built for. */
export type BuildAbi = Extract<AbiVersion, "0.2.1" | "0.2.100">;

/**
 * How to build: the asconfig target, the ABI version to declare (when absent: the plugin's own `"higress": { "abi" }`
 * in package.json, else 0.2.1), and the module's path relative to the plugin.
 */
export interface BuildFlags {
  readonly profile: "release" | "debug";
  readonly abi?: BuildAbi;
  readonly out: string;
}

/** The ABI entry file of @higress-ts/proxy-wasm per ABI version. */
const ABI_ENTRIES = { "0.2.1": "v0_2_1.ts", "0.2.100": "v0_2_100.ts" } as const;

/**
 * The host a build is checked against: 0.2.100 modules are Higress-only; 0.2.1 modules must load in vanilla Envoy
 * (and so in Higress too).
 */
const CHECK_MODE: Record<BuildAbi, HostMode> = { "0.2.1": "envoy", "0.2.100": "higress" };

/** `higress-ts build [dir]`: compile a plugin to build/main.wasm, then check that the gateway would load it. */
export function buildCommand(): Command {
  return new Command("build")
    .description("Compile a plugin's assembly/main.ts to a proxy-wasm module, then check that Envoy (or Higress) would load it.")
    .argument("[dir]", "the plugin directory", ".")
    .addOption(new Option("--profile <profile>", "the asconfig target").choices(["release", "debug"]).default(DEFAULT_BUILD.profile))
    .addOption(new Option("--abi <version>", "the proxy-wasm ABI version to declare; 0.2.100 loads only in Higress " +
      '(default: "higress": { "abi" } in the plugin\'s package.json, else 0.2.1)').choices(Object.keys(ABI_ENTRIES)))
    .option("--out <file>", "where to write the module, relative to the plugin directory", DEFAULT_BUILD.out)
    .addHelpText("after", "\nThe module is checked as vanilla Envoy would load it (ABI 0.2.1) or as Higress would (ABI 0.2.100);\n" +
      "the build fails if the gateway would refuse it or if it has a wasm start section.")
    .action(async (dir: string, flags: BuildFlags) => {
      process.exitCode = await build(resolve(dir), flags) ? 0 : 1;
    });
}

/** The release build to build/main.wasm, for the plugin's own ABI: what `build` does without options. */
export const DEFAULT_BUILD: BuildFlags = { profile: "release", out: "build/main.wasm" };

/** The ABI a plugin declares in package.json (`"higress": { "abi": "0.2.100" }`), or 0.2.1. */
function pluginAbi(pluginDir: string): BuildAbi | Error {
  const file = join(pluginDir, "package.json");
  if (!existsSync(file)) return "0.2.1";
  const abi = (JSON.parse(readFileSync(file, "utf8")) as { higress?: { abi?: unknown } }).higress?.abi ?? "0.2.1";
  return typeof abi === "string" && abi in ABI_ENTRIES ? (abi as BuildAbi)
    : new Error(`${file}: "higress.abi" is ${JSON.stringify(abi)}; use one of ${Object.keys(ABI_ENTRIES).join(", ")}`);
}

/**
 * Compiles the plugin in `pluginDir` and checks the module as the gateway would load it, printing progress, the report
 * and any error with its fix. Resolves to whether the module is ready to run.
 */
export async function build(pluginDir: string, flags: BuildFlags): Promise<boolean> {
  if (!existsSync(pluginDir) || !statSync(pluginDir).isDirectory()) {
    fail(`${pluginDir} is not a directory`, "Pass the plugin directory: the one with package.json, asconfig.json and assembly/main.ts.");
    return false;
  }
  for (const [file, next] of [
    ["assembly/main.ts", "A plugin's entry file is assembly/main.ts (not assembly/index.ts); create it, or pass the plugin directory."],
    ["asconfig.json", `Create it with: { "extends": "./node_modules/@higress-ts/proxy-wasm/asconfig.json" }`],
  ] as const) {
    if (!existsSync(join(pluginDir, file))) {
      fail(`${join(pluginDir, file)} not found`, next);
      return false;
    }
  }
  const proxyWasm = findProxyWasm(pluginDir);
  if (!proxyWasm) {
    fail(`cannot find @higress-ts/proxy-wasm from ${pluginDir}`,
      "Add @higress-ts/proxy-wasm (or @higress-ts/sdk) to the plugin's dependencies and run pnpm install.");
    return false;
  }
  const abi = flags.abi ?? pluginAbi(pluginDir);
  if (abi instanceof Error) {
    fail(abi.message, "Fix package.json, or pass --abi.");
    return false;
  }
  const abiEntry = join(proxyWasm.entriesDir, "assembly", "abi", ABI_ENTRIES[abi]);
  if (!existsSync(abiEntry)) {
    fail(`${abiEntry} not found`, `This package has no ABI ${abi} entry; update @higress-ts/sdk or @higress-ts/proxy-wasm.`);
    return false;
  }

  const outFile = resolve(pluginDir, flags.out);
  const shown = displayPath(outFile);
  console.log(`[1/2] compiling ${displayPath(join(pluginDir, "assembly/main.ts"))} (ABI ${abi}, ${flags.profile})`);
  const error = await compile({ pluginDir, abiEntry, profile: flags.profile, outFile, searchPath: proxyWasm.searchPath });
  if (error) {
    fail(`AssemblyScript could not compile ${join(pluginDir, "assembly/main.ts")}: ${error.message}`,
      "Fix the diagnostics above and build again.");
    return false;
  }

  const mode = CHECK_MODE[abi];
  console.log(`[2/2] checking that ${mode === "envoy" ? "Envoy" : "Higress"} would load ${shown}`);
  const report = inspectModule(await readFile(outFile), { mode });
  process.stdout.write(formatReport(shown, report));
  const withoutStart = acceptStartSection(shown, report);
  return report.ok && withoutStart;
}

/** Our own modules must not have a start section (the shared asconfig exports it as _initialize). */
function acceptStartSection(file: string, report: ModuleReport): boolean {
  if (!report.hasStartSection) return true;
  fail(`${file} has a wasm start section, which higress-ts builds must not have (${hostName(report)} would run it before any proxy context exists)`,
    "Make asconfig.json extend @higress-ts/proxy-wasm/asconfig.json, which sets exportStart to _initialize.");
  return false;
}
