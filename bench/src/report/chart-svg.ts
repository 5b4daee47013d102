/**
 * The report's chart, written as plain SVG: two panels of horizontal bars, module size (raw and gzip) and
 * per-request cost (lean driver median), each with issue 9's target marked where it sets one.
 */
import type { BenchResults } from "../results.js";
import { duration } from "./format.js";

/** One bar of a panel. */
interface Bar {
  readonly label: string;
  readonly value: number;
  /** A lighter bar drawn over it (gzip size), if any. */
  readonly inner?: number;
  readonly target?: number;
  readonly kind: string;
}

const WIDTH = 880;
const LABEL_WIDTH = 300;
const BAR_WIDTH = 440;
const ROW = 22;
const COLOURS: Record<string, string> = { sdk: "#3867d6", "raw twin": "#20bf6b", baseline: "#a5b1c2" };

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function panel(title: string, bars: readonly Bar[], top: number, show: (value: number) => string): { svg: string; height: number } {
  const max = Math.max(...bars.flatMap((b) => [b.value, b.target ?? 0])) * 1.05;
  const x = (value: number) => LABEL_WIDTH + (value / max) * BAR_WIDTH;
  const parts = [`<text x="10" y="${top + 16}" font-weight="bold">${escape(title)}</text>`];
  bars.forEach((bar, i) => {
    const y = top + 28 + i * ROW;
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 14}" text-anchor="end">${escape(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${(x(bar.value) - LABEL_WIDTH).toFixed(1)}" height="${ROW - 6}" fill="${COLOURS[bar.kind] ?? "#888"}"/>`,
    );
    if (bar.inner !== undefined) {
      parts.push(`<rect x="${LABEL_WIDTH}" y="${y + 7}" width="${(x(bar.inner) - LABEL_WIDTH).toFixed(1)}" height="${ROW - 14}" fill="#fff" fill-opacity="0.55"/>`);
    }
    if (bar.target !== undefined) {
      parts.push(`<line x1="${x(bar.target).toFixed(1)}" x2="${x(bar.target).toFixed(1)}" y1="${y}" y2="${y + ROW}" stroke="#eb3b5a" stroke-width="2"/>`);
    }
    parts.push(`<text x="${(x(bar.value) + 6).toFixed(1)}" y="${y + 14}">${escape(show(bar.value))}${bar.target !== undefined ? escape(` (target ${show(bar.target)})`) : ""}</text>`);
  });
  return { svg: parts.join("\n"), height: 40 + bars.length * ROW };
}

/** The chart for a run. */
export function renderChart(r: BenchResults): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const sizes = panel("main.wasm size, release (light inner bar: gzip)",
    r.sizes.map((s) => ({ label: s.label, value: s.raw, inner: s.gzip, target: s.kind === "sdk" ? s.targetBytes : undefined, kind: s.kind })), 0, kib);
  const costs = panel("Per-request cost, lean driver median (red line: target, net of the empty filter + the filter)",
    r.subjects.map((s) => ({
      label: s.label,
      value: s.perRequest.median,
      target: s.targetNs === undefined ? undefined : s.targetNs + r.baseline.perRequest.median,
      kind: s.kind,
    })), sizes.height + 10, duration);
  const height = sizes.height + costs.height + 40;
  const legend = Object.entries(COLOURS).map(([kind, colour], i) =>
    `<rect x="${10 + i * 140}" y="${height - 22}" width="12" height="12" fill="${colour}"/><text x="${28 + i * 140}" y="${height - 12}">${kind === "sdk" ? "SDK build" : kind}</text>`).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
${sizes.svg}
${costs.svg}
${legend}
</svg>
`;
}
