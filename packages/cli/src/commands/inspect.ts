import { readFile } from "node:fs/promises";
import { Command, Option } from "commander";
import { DEFAULT_HOST_MODE, HOST_MODES, inspectModule, type HostMode } from "@higress-ts/host";
import { formatReport } from "../report-printer.js";
import { fail } from "./fail.js";

interface InspectFlags {
  readonly mode: HostMode;
  readonly json?: boolean;
}

/** `higress-ts inspect <wasm>`: the load-check report for any module, ours or not. */
export function inspectCommand(): Command {
  return new Command("inspect")
    .description("Report whether Envoy or Higress would load a Wasm module, and why not: ABI version, imports, exports, allocator.")
    .argument("<wasm>", "the .wasm module to check")
    .addOption(new Option("--mode <host>", "the host to check against").choices(HOST_MODES).default(DEFAULT_HOST_MODE))
    .option("--json", "print the report as JSON")
    .addHelpText("after", "\nExit status: 0 if the host would load the module, 1 if not.")
    .action(async (file: string, flags: InspectFlags) => {
      const bytes = await readModule(file);
      if (!bytes) return;
      const report = inspectModule(bytes, { mode: flags.mode });
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(file, report));
      if (!report.ok) process.exitCode = 1;
    });
}

async function readModule(file: string): Promise<Uint8Array | null> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") fail(`${file}: no such file`, "Check the path; `higress-ts build` writes a plugin's module to build/main.wasm.");
    else if (code === "EISDIR") fail(`${file} is a directory`, "Pass the .wasm file itself, e.g. build/main.wasm.");
    else fail(`cannot read ${file}: ${(error as Error).message}`);
    return null;
  }
}
