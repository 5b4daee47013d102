import { formatSignature, type LoadProblem, type ModuleReport } from "@higress-ts/host";

const HOST_NAMES = { envoy: "Envoy", higress: "Higress" } as const;
const WIDTH = 100;

/** The host a report speaks for, in words: "Envoy" or "Higress". */
export function hostName(report: ModuleReport): string {
  return HOST_NAMES[report.mode];
}

/**
 * A load-check report for people: what the module is (size, ABI, allocator, imports, exports), every error and
 * warning with its hint, and a last line that says whether the host would load it.
 */
export function formatReport(file: string, report: ModuleReport): string {
  const lines = [
    `${file}: ${report.size.toLocaleString("en-US")} bytes, ABI ${report.abi ?? "unknown"}, ` +
      `allocator ${report.allocator ?? "none"}, checked as ${hostName(report)} would load it`,
  ];
  if (report.imports.length > 0) {
    lines.push(`  imports (${report.imports.length}):`);
    const names = report.imports.map((i) => `${i.module}.${i.name}`);
    const pad = Math.max(...names.map((n) => n.length));
    report.imports.forEach((i, k) => lines.push(`    ${names[k]!.padEnd(pad)}  ${i.signature ? formatSignature(i.signature) : i.kind}`));
  }
  if (report.exports.length > 0) {
    lines.push(`  exports (${report.exports.length}):`, ...wrap(report.exports.map((e) => e.name), "    "));
  }
  lines.push(...report.errors.map((p) => formatProblem("error", p)), ...report.warnings.map((p) => formatProblem("warning", p)));
  lines.push(report.ok
    ? `${hostName(report)} would load this module.`
    : `${hostName(report)} would refuse this module: ${report.errors.length} error${report.errors.length === 1 ? "" : "s"}.`);
  return `${lines.join("\n")}\n`;
}

function formatProblem(severity: "error" | "warning", problem: LoadProblem): string {
  return `  ${severity}: ${problem.message}${problem.hint ? `\n    hint: ${problem.hint}` : ""}`;
}

function wrap(words: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line}, ${word}` : word;
    if (indent.length + next.length > WIDTH && line) {
      lines.push(`${indent}${line},`);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(`${indent}${line}`);
  return lines;
}
