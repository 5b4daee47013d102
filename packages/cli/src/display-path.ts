import { isAbsolute, relative } from "node:path";

/** A path as the user would type it: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd && !fromCwd.startsWith("..") && !isAbsolute(fromCwd) ? fromCwd : path;
}
