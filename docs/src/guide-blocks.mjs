// Reads the fenced code blocks of a guide together with the marker that precedes each one. A marker is an HTML
// comment on the line before the fence (blank lines between are allowed), invisible when the guide is rendered:
//   <!-- file: path -->      the block is that file (path relative to docs/), kept equal by test/guide-sync
//   <!-- run: id -->         shell commands that test/walkthrough runs, step `id`
//   <!-- not-run: reason --> shell commands no test can run here, and why (Docker, a registry, a cluster)
//   <!-- output -->          what the block before it prints
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The docs/ directory. */
export const DOCS_DIR = fileURLToPath(new URL("..", import.meta.url));

/** The guides, by language. */
export const GUIDES = { en: "guide.md", "zh-CN": "guide.zh-CN.md" };

const MARKER = /^<!-- (file|run|not-run|output)(?:: (.+?))? -->$/;
const FENCE = /^```(\S*)\s*$/;

/**
 * The code blocks of `markdown`, in order: `{ lang, text, line, kind, arg }`, where `kind`/`arg` come from the
 * marker before the block (`kind` is null when there is none) and `line` is the 1-based line of the opening fence.
 */
export function codeBlocks(markdown) {
  const lines = markdown.split("\n");
  const blocks = [];
  let marker = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      const start = i;
      const body = [];
      for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]);
      blocks.push({ lang: fence[1], text: body.join("\n"), line: start + 1, kind: marker?.[1] ?? null, arg: marker?.[2] ?? null });
      marker = null;
      continue;
    }
    if (line.trim() === "") continue;
    marker = MARKER.exec(line.trim());
  }
  return blocks;
}

/** The code blocks of one guide (`en` or `zh-CN`). */
export function guideBlocks(language) {
  return codeBlocks(readFileSync(new URL(`../${GUIDES[language]}`, import.meta.url), "utf8"));
}

/** The commands of a shell block: its lines without comments (`# ...`) and blank lines. */
export function commands(block) {
  return block.text
    .split("\n")
    .map((line) => line.replace(/(^|\s+)#.*$/, "").trim())
    .filter((line) => line !== "");
}
