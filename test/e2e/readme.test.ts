// Every `npx costbot ask ...` line in the README's code blocks (and examples/README.md) runs as
// written through the CLI's entry function from the repository root (vitest's working folder):
// exit code 0, an answer on stdout, nothing on stderr. The sample exports agree on hand-computed totals.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { main } from "../../src/adapters/cli/main.js";

const ROOT = new URL("../../", import.meta.url);

/** The `npx costbot ...` command lines inside ``` blocks, trailing `# comments` removed. */
function readmeCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .flatMap((block) => block.split("\n"))
    .map((line) => line.replace(/\s+#[^"']*$/, "").trim())
    .filter((line) => line.startsWith("npx costbot "));
}

/** Splits a command line as a POSIX shell would for plain words and "double"/'single' quotes. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

async function run(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), clock: () => new Date() });
  return { code, out, err };
}

const readme = readFileSync(new URL("README.md", ROOT), "utf8");
const examplesReadme = readFileSync(new URL("examples/README.md", ROOT), "utf8");
const commands = [...readmeCommands(readme), ...readmeCommands(examplesReadme)];

describe("README commands", () => {
  it("finds the terminal examples, including each sample export", () => {
    expect(commands.length).toBeGreaterThanOrEqual(7);
    for (const file of ["ea-actual-2025-11.csv", "mca-actual-2025-11.csv.gz", "focus-1.2-2025-11.csv"]) {
      expect(commands.some((c) => c.includes(`examples/${file}`))).toBe(true);
    }
  });

  it.each(commands)("%s", async (line) => {
    const words = shellWords(line);
    expect(words.slice(0, 2)).toEqual(["npx", "costbot"]);
    const r = await run(words.slice(2));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out.trim().length).toBeGreaterThan(0);
    if (words.includes("json")) expect(() => JSON.parse(r.out)).not.toThrow();
  });
});

describe("the sample exports", () => {
  // Hand-computed in examples/README.md: the same week in three layouts.
  it.each(["ea-actual-2025-11.csv", "mca-actual-2025-11.csv.gz", "focus-1.2-2025-11.csv"])("%s holds $45.14 of model spend", async (file) => {
    const r = await run(["ask", "--source", `examples/${file}`, "--format", "json", "2025-11-03 to 2025-11-07 by channel"]);
    expect(r.err).toBe("");
    const report = JSON.parse(r.out);
    expect(report.total).toBe(45.14);
    expect(report.channels.map((c: { channel: string; cost: number }) => [c.channel, c.cost])).toEqual([
      ["microsoft", 39.98],
      ["marketplace", 5.16],
    ]);
    expect(report.otherCost).toBe(27.6);
  });
});
