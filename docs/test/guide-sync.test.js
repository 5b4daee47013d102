// Keeps the guides honest: every code block is a file of the repository (and equal to it), a step that
// test/walkthrough.test.js runs, a command that says why no test can run it, or the output of the block before it;
// both guides show the same files and steps; every section of the Go guide is in each checklist, linked to a heading
// that exists; every AssemblyScript helper the guides name is exported by the SDK.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { codeBlocks, commands, DOCS_DIR, GUIDES } from "../src/guide-blocks.mjs";

/** The sections of the Go guide (shared/seed/wasm-go-plugin-guide.zh.txt), as each checklist must name them. */
const GO_GUIDE_SECTIONS = [
  "Golang", "TinyGo", "go mod init", "main.go", "ProcessRequestHeadersBy", "GetHttpRequestHeaders",
  "ActionContinue", "0.2.100", "wasm-opt", "OCI", "docker compose", "mockEnable: true", "hello", "HTTP", "Redis",
];

const read = (file) => readFileSync(join(DOCS_DIR, file), "utf8");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes (CJK letters kept). */
const anchor = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");

for (const [language, file] of Object.entries(GUIDES)) {
  describe(file, () => {
    const markdown = read(file);
    const blocks = codeBlocks(markdown);

    it("marks every code block", () => {
      for (const block of blocks) assert.ok(block.kind !== null, `${file}:${block.line}: a code block without a marker`);
    });

    it("shows each file exactly as it is", () => {
      const files = blocks.filter((b) => b.kind === "file");
      assert.ok(files.length > 0);
      for (const block of files) {
        assert.equal(block.text + "\n", read(block.arg), `${file}:${block.line} differs from ${block.arg}`);
      }
    });

    it("puts outputs after the command that prints them, and only shell commands in run/not-run blocks", () => {
      blocks.forEach((block, i) => {
        if (block.kind === "run" || block.kind === "not-run") assert.equal(block.lang, "sh", `${file}:${block.line}`);
        if (block.kind === "not-run") assert.ok(block.arg, `${file}:${block.line}: say why it is not run`);
        if (block.kind === "output" && block.lang !== "yaml") {
          assert.ok(["run", "not-run"].includes(blocks[i - 1]?.kind), `${file}:${block.line}: output of what?`);
        }
      });
    });

    it("links each checklist row to a heading of the guide, and names every section of the Go guide", () => {
      const headings = new Set(markdown.split("\n").filter((l) => /^#{2,4} /.test(l)).map((l) => anchor(l.replace(/^#+ /, ""))));
      const checklist = markdown.slice(markdown.lastIndexOf("\n## "));
      for (const [, target] of checklist.matchAll(/\]\(#([^)]+)\)/g)) assert.ok(headings.has(target), `${file}: no heading #${target}`);
      const goColumn = checklist.split("\n").filter((l) => l.startsWith("| ")).map((l) => l.split(" | ")[0]).join("\n");
      for (const section of GO_GUIDE_SECTIONS) assert.ok(goColumn.includes(section), `${file}: the checklist misses "${section}"`);
    });

    if (language !== "en") {
      it("shows the same files and runs the same commands as guide.md", () => {
        const english = codeBlocks(read(GUIDES.en));
        const steps = (list) => list.filter((b) => b.kind === "file" || b.kind === "run").map((b) => `${b.kind} ${b.arg}: ${b.kind === "run" ? commands(b).join(" && ") : ""}`);
        assert.deepEqual(steps(blocks), steps(english));
      });
    }
  });
}

describe("the helper tables", () => {
  const exported = new Set(
    JSON.parse(readFileSync(join(DOCS_DIR, "api", "assemblyscript.json"), "utf8"))
      .children.flatMap((module) => module.children ?? [])
      .map((symbol) => symbol.name),
  );
  for (const file of Object.values(GUIDES)) {
    it(`${file}: every function it names in the helper table is exported by @higress-ts/sdk`, () => {
      const markdown = read(file);
      const table = markdown.slice(markdown.indexOf("| `GetHttpRequestHeaders`") - 200, markdown.indexOf("`ResumeHttpResponse`") + 200);
      const names = [...table.matchAll(/`([a-z][A-Za-z]+)\(/g)].map((m) => m[1]);
      assert.ok(names.length >= 20, `${file}: ${names.length} names`);
      for (const name of names) assert.ok(exported.has(name), `${file}: ${name} is not exported`);
    });
  }
});

describe("README.md", () => {
  it("shows its plugin exactly as the file is", () => {
    const files = codeBlocks(read("../README.md")).filter((b) => b.kind === "file");
    assert.ok(files.length > 0);
    for (const block of files) assert.equal(block.text + "\n", read(block.arg), `README.md:${block.line} differs from ${block.arg}`);
  });
});
