import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CLI_DIR, runCli } from "./cli-harness.js";

describe("higress-ts --help", () => {
  it("lists the commands", () => {
    const run = runCli(["--help"]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: higress-ts \[options\] \[command\]/);
    assert.match(run.stdout, /\n  build \[options\] \[dir\] /);
    assert.match(run.stdout, /\n  inspect \[options\] <wasm> /);
    for (const usage of ["init \\[options\\] <name>", "run \\[options\\] \\[dir\\]", "package \\[options\\] \\[dir\\]", "push \\[options\\] <ref> \\[dir\\]", "manifest \\[options\\] \\[dir\\]"]) {
      assert.match(run.stdout, new RegExp(`\\n  ${usage} `));
    }
  });

  it("documents the packaging commands' options", () => {
    assert.match(runCli(["package", "--help"]).stdout, /--format <format>[\s\S]*choices: "image", "wasm",\s+default:\s+"image"[\s\S]*SOURCE_DATE_EPOCH/);
    const push = runCli(["push", "--help"]).stdout;
    assert.match(push, /--insecure/);
    assert.match(push, /--username <name>[\s\S]*env: HIGRESS_TS_USERNAME/);
    assert.match(push, /--password <password>[\s\S]*env: HIGRESS_TS_PASSWORD/);
    assert.match(runCli(["manifest", "--help"]).stdout, /--namespace <name>[\s\S]*default:\s+"higress-system"/);
    assert.match(runCli(["init", "--help"]).stdout, /--from <plugin>[\s\S]*default:\s+"hello-world"/);
    const run = runCli(["run", "--help"]).stdout;
    for (const option of ["--config", "--envoy", "--address", "--port", "--upstream", "--watch", "--log-level", "--print-envoy"]) {
      assert.match(run, new RegExp(`\\n\\s+${option}\\b`));
    }
  });

  it("documents build's options and defaults", () => {
    const run = runCli(["build", "--help"]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: higress-ts build \[options\] \[dir\]/);
    assert.match(run.stdout, /--profile <profile>[\s\S]*choices: "release", "debug",\s+default: "release"/);
    assert.match(run.stdout, /--abi <version>[\s\S]*\(default: "higress": \{ "abi" \} in the plugin's\s+package\.json, else 0\.2\.1\) \(choices: "0\.2\.1", "0\.2\.100"\)/);
    assert.match(run.stdout, /--out <file>[\s\S]*default: "build\/main\.wasm"/);
  });

  it("documents inspect's options and exit status", () => {
    const run = runCli(["inspect", "--help"]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: higress-ts inspect \[options\] <wasm>/);
    assert.match(run.stdout, /--mode <host>[\s\S]*choices: "envoy", "higress",\s+default: "higress"/);
    assert.match(run.stdout, /--json/);
    assert.match(run.stdout, /Exit status: 0 if the host would load the module, 1 if not\./);
  });

  it("prints the package version", () => {
    const run = runCli(["--version"]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${JSON.parse(readFileSync(join(CLI_DIR, "package.json"), "utf8")).version}\n`);
  });

  it("refuses an unknown command with a non-zero exit", () => {
    const run = runCli(["bulid"]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /unknown command 'bulid'/);
  });
});
