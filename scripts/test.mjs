// Runs every test of the repository: set-up, then `turbo run test` (which builds what the tests need first),
// streaming each suite's output and counting its results. Ends with one line `N passed, N failed` that counts
// the tests of every suite it ran, plus one failure per task that broke before its tests could report.
// Exits non-zero on any failure, or when nothing was counted at all.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { root, setup, step } from "./setup.mjs";

const TOTAL = 4;

/** Summary lines of the test runners we use, after turbo's `<package>:<task>: ` prefix and colours are removed. */
const COUNTERS = [
  // node:test, spec reporter: "ℹ pass 12" / "ℹ fail 0"
  { re: /^ℹ (pass|fail) (\d+)$/, read: (m) => ({ [m[1]]: Number(m[2]) }) },
  // node:test, TAP reporter (the default when output is not a terminal): "# pass 12" / "# fail 0"
  { re: /^# (pass|fail) (\d+)$/, read: (m) => ({ [m[1]]: Number(m[2]) }) },
  // as-pect: "[Tests]: 47 / 48" (passed / total)
  { re: /^\[Tests\]: (\d+) \/ (\d+)$/, read: (m) => ({ pass: Number(m[1]), fail: Number(m[2]) - Number(m[1]) }) },
];

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

function countLine(line, tally) {
  const body = line.replace(ANSI, "").replace(/^\S+:\S+: /, "").trim();
  const task = /^(\S+):(\S+): /.exec(line.replace(ANSI, ""));
  for (const { re, read } of COUNTERS) {
    const m = re.exec(body);
    if (!m) continue;
    const r = read(m);
    tally.passed += r.pass ?? 0;
    tally.failed += r.fail ?? 0;
    if (task) {
      const id = `${task[1]}#${task[2]}`;
      tally.failsByTask.set(id, (tally.failsByTask.get(id) ?? 0) + (r.fail ?? 0));
    }
  }
  // turbo's closing summary: "Failed:    a#build, b#test"
  const failedTasks = /^\s*Failed:\s+(.+)$/.exec(line.replace(ANSI, ""));
  for (const t of failedTasks?.[1].split(",") ?? []) tally.failedTasks.add(t.trim());
}

const steps = setup(TOTAL);
step(steps + 1, TOTAL, "building and testing every package (turbo run test)");
const tally = { passed: 0, failed: 0, failsByTask: new Map(), failedTasks: new Set() };
const child = spawn("pnpm", ["exec", "turbo", "run", "test", "--continue", "--output-logs=full", "--log-order=grouped"], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, FORCE_COLOR: "0" },
});
for (const stream of [child.stdout, child.stderr]) {
  createInterface({ input: stream }).on("line", (line) => {
    console.log(line);
    countLine(line, tally);
  });
}
const code = await new Promise((resolve) => child.on("close", resolve));

// A task that failed without printing a failing count (a build error, a crash) is a failure of its own.
const broken = [...tally.failedTasks].filter((t) => !tally.failsByTask.get(t));
for (const t of broken) console.log(`not ok: ${t} failed before its tests reported`);
const failed = tally.failed + broken.length + (code !== 0 && tally.failed === 0 && broken.length === 0 ? 1 : 0);
if (tally.passed === 0 && failed === 0) {
  console.log("no test reported a result");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
console.log(`${tally.passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
