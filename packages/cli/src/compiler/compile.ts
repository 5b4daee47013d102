import asc from "assemblyscript/asc";

/** What to compile: the plugin's entry next to the ABI entry of @higress-ts/proxy-wasm. */
export interface CompileJob {
  readonly pluginDir: string;
  /** The ABI entry file, e.g. `<proxy-wasm>/assembly/abi/v0_2_1.ts`. */
  readonly abiEntry: string;
  /** The asconfig target: "release" or "debug". */
  readonly profile: string;
  /** The module to write. */
  readonly outFile: string;
  /** An extra node_modules directory for package lookup, or null. */
  readonly searchPath: string | null;
}

/** The compiler's argument list for a job, relative to the plugin directory (asc's `--baseDir`). */
export function ascArguments(job: CompileJob): string[] {
  return [
    "assembly/main.ts", job.abiEntry,
    "--config", "asconfig.json", "--target", job.profile, "-o", job.outFile,
    "--baseDir", job.pluginDir,
    ...(job.searchPath ? ["--path", job.searchPath] : []),
  ];
}

/**
 * Runs the AssemblyScript compiler in this process through its JS API; its diagnostics go to stderr.
 * Resolves to null on success, or to the compiler's error.
 */
export async function compile(job: CompileJob): Promise<Error | null> {
  const { error } = await asc.main(ascArguments(job), { stdout: process.stdout, stderr: process.stderr });
  return error;
}
