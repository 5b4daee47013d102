import { createRequire } from "node:module";
import { Command } from "commander";
import { buildCommand } from "./commands/build.js";
import { initCommand } from "./commands/init.js";
import { inspectCommand } from "./commands/inspect.js";
import { manifestCommand } from "./commands/manifest.js";
import { packageCommand } from "./commands/package.js";
import { pushCommand } from "./commands/push.js";
import { runCommand } from "./commands/run.js";

const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

/** The `higress-ts` program: one subcommand per step of a plugin's life. */
const program = new Command("higress-ts")
  .description("Build, check, package and ship Higress gateway plugins written in TypeScript (AssemblyScript).")
  .version(version)
  .showHelpAfterError()
  .addCommand(initCommand())
  .addCommand(buildCommand())
  .addCommand(inspectCommand())
  .addCommand(runCommand())
  .addCommand(packageCommand())
  .addCommand(pushCommand())
  .addCommand(manifestCommand());

await program.parseAsync(process.argv);
