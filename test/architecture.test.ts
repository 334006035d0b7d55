import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);

describe("architecture", () => {
  it("keeps src/bot and src/cost free of chat platform SDKs", () => {
    const offenders = [...files("src/bot"), ...files("src/cost")].flatMap((f) =>
      importsOf(f)
        .filter((i) => /^(@slack\/|botbuilder|botframework|@microsoft\/agents)/.test(i) || i.includes("/adapters/"))
        .map((i) => `${f} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("loads the Azure SDK only inside the Azure sources (Cost Management API and Azure Storage exports)", () => {
    const offenders = files("src")
      .filter((f) => !f.includes(join("sources", "azure")) && !f.includes(join("sources", "storage")))
      .flatMap((f) => importsOf(f).filter((i) => i.startsWith("@azure/")).map((i) => `${f} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it("keeps botbuilder inside the Teams adapter and bolt inside the Slack adapter", () => {
    const offenders = files("src").flatMap((f) =>
      importsOf(f)
        .filter(
          (i) =>
            (/^botbuilder/.test(i) && !f.includes(join("adapters", "teams"))) ||
            (/^@slack\//.test(i) && !f.includes(join("adapters", "slack"))),
        )
        .map((i) => `${f} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("reads process.env only in config", () => {
    const allowed = [join("src", "config.ts")];
    const offenders = files("src").filter((f) => !allowed.includes(f) && /process\.env/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});

describe("import graph", () => {
  // Relative imports of src/ (type-only ones included): a cycle means two modules cannot be read apart.
  const graph = new Map(
    files("src").map((f) => [
      f,
      importsOf(f)
        .filter((i) => i.startsWith("."))
        .map((i) => join(dirname(f), i.replace(/\.js$/, ".ts")))
        .filter((p) => existsSync(p)),
    ]),
  );

  it("has no import cycles in src/", () => {
    const cycles: string[] = [];
    const done = new Set<string>();
    const path: string[] = [];
    const visit = (f: string) => {
      const at = path.indexOf(f);
      if (at >= 0) return void cycles.push([...path.slice(at), f].join(" -> "));
      if (done.has(f)) return;
      path.push(f);
      for (const dep of graph.get(f) ?? []) visit(dep);
      path.pop();
      done.add(f);
    };
    for (const f of graph.keys()) visit(f);
    expect(cycles).toEqual([]);
  });
});
