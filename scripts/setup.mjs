// Brings a fresh machine (Node >= 20 and npm, nothing else) to the point where every package builds and every
// test runs: the Debian packages the tests start or call (redis-server, httpbin, an OCI registry, skopeo, htpasswd),
// the pinned pnpm, the dependencies.
// It prints one line per step and, where it cannot go on by itself, the exact command to run.
// Used by `npm start` and `npm test`; `node scripts/setup.mjs` runs it alone.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = fileURLToPath(new URL("..", import.meta.url));

const PNPM_VERSION = "12.4.2";
const DEBIAN_PACKAGES = ["redis-server", "python3-httpbin", "docker-registry", "skopeo", "apache2-utils"];
/** Debian's own Python: httpbin from python3-httpbin is installed for it, whatever `python3` is first on PATH. */
export const DEBIAN_PYTHON = "/usr/bin/python3";
const TOOLS = join(root, ".tools");

/** Prints a step line in the form `[n/total] what`. */
export function step(n, total, what) {
  console.log(`[${n}/${total}] ${what}`);
}

/** Stops with a message that says what to do next. */
export function fail(message) {
  console.error(`\nerror: ${message}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { stdio: "inherit", ...options });
}

function quiet(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

function missingDebianPackages() {
  const missing = [];
  if (!quiet("sh", ["-c", "command -v redis-server"])) missing.push("redis-server");
  for (const [command, debianPackage] of [["docker-registry", "docker-registry"], ["skopeo", "skopeo"], ["htpasswd", "apache2-utils"]]) {
    if (!quiet("sh", ["-c", `command -v ${command}`])) missing.push(debianPackage);
  }
  if (!existsSync(DEBIAN_PYTHON) || quiet(DEBIAN_PYTHON, ["-c", "import httpbin"]) === null) missing.push("python3-httpbin");
  return missing;
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return "already installed";
  const install = `apt-get update && apt-get install -y ${DEBIAN_PACKAGES.join(" ")}`;
  if (!quiet("sh", ["-c", "command -v apt-get"])) {
    fail(`missing ${missing.join(", ")} and this is not a Debian-like system; install redis-server, httpbin ` +
      `(python3 -m httpbin.core), docker-registry (distribution), skopeo and htpasswd with your package manager, then run this again.`);
  }
  if (process.getuid?.() !== 0) fail(`missing ${missing.join(", ")}. Run as root:\n  sudo sh -c '${install}'\nthen run this again.`);
  console.log(`      installing ${missing.join(", ")} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (run("apt-get", ["update", "-q"], { env }).status !== 0) fail(`apt-get update failed; run it by hand: ${install}`);
  if (run("apt-get", ["install", "-y", "-q", ...DEBIAN_PACKAGES], { env }).status !== 0) fail(`apt-get install failed; run it by hand: ${install}`);
  const still = missingDebianPackages();
  if (still.length) fail(`${still.join(", ")} still missing after apt-get install`);
  return "installed";
}

/** Makes the pinned pnpm the first `pnpm` on PATH for this process and its children; installs it under .tools/. */
function ensurePnpm() {
  if (quiet("pnpm", ["--version"]) === PNPM_VERSION) return `pnpm ${PNPM_VERSION} found`;
  const bin = join(TOOLS, "node_modules", ".bin");
  process.env.PATH = `${bin}${delimiter}${process.env.PATH}`;
  if (quiet("pnpm", ["--version"]) === PNPM_VERSION) return `pnpm ${PNPM_VERSION} in .tools/`;
  const r = run("npm", ["install", "--prefix", TOOLS, "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
    "--loglevel=error", `pnpm@${PNPM_VERSION}`]);
  if (r.status !== 0 || quiet("pnpm", ["--version"]) !== PNPM_VERSION) {
    fail(`could not install pnpm ${PNPM_VERSION}; try: npm install -g pnpm@${PNPM_VERSION}`);
  }
  return `pnpm ${PNPM_VERSION} installed in .tools/`;
}

function installDependencies() {
  const r = run("pnpm", ["install", "--frozen-lockfile", "--reporter=append-only"], { cwd: root });
  if (r.status !== 0) fail("pnpm install failed (see above). If the lockfile is out of date, run: pnpm install");
  return "dependencies installed";
}

/** Runs every set-up step; returns the number of steps it took so callers can continue the count. */
export function setup(total = 3) {
  const [major] = process.versions.node.split(".").map(Number);
  if (major < 20) fail(`Node ${process.versions.node} is too old; install Node 20 or later.`);
  process.env.TURBO_TELEMETRY_DISABLED = "1";
  process.env.TURBO_NO_UPDATE_NOTIFIER = "1";
  process.env.DO_NOT_TRACK = "1";
  step(1, total, `Debian packages (${DEBIAN_PACKAGES.join(", ")}): ${ensureDebianPackages()}`);
  step(2, total, ensurePnpm());
  step(3, total, "installing dependencies with pnpm");
  installDependencies();
  return 3;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) setup();
