// Golden-file check for renderer output: compares with test/bot/render/__golden__/<name>,
// or rewrites the file when the run has UPDATE_GOLDEN=1 (review the diff, then commit it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "__golden__");

/** Objects are stored as pretty JSON with a final newline; strings as they are plus one. */
export function expectGolden(name: string, actual: unknown): void {
  const text = (typeof actual === "string" ? actual : JSON.stringify(actual, null, 2)) + "\n";
  const file = join(DIR, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`No golden file ${name}: run with UPDATE_GOLDEN=1 to create it`);
  expect(text).toBe(readFileSync(file, "utf8"));
}
