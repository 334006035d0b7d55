import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);

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
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => i.startsWith("@azure/"))
          .map((i) => `${f} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it("keeps botbuilder inside the Teams adapter and bolt inside the Slack adapter", () => {
    const offenders = files("src").flatMap((f) =>
      importsOf(f)
        .filter(
          (i) => (/^botbuilder/.test(i) && !f.includes(join("adapters", "teams"))) || (/^@slack\//.test(i) && !f.includes(join("adapters", "slack"))),
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

// The layers of src/, bottom first (README.md "Code map"): a file may import its own layer and the
// ones below, never one above. The composition root (src/main/, and the CLI that starts it) is the
// only place that knows every adapter and feature. Each name is a folder or a file under src/; the
// longest name that matches a path decides its layer.
const LAYERS: Array<[layer: string, names: string[]]> = [
  ["base", ["base", "config.ts", "log.ts"]],
  ["cost", ["cost"]],
  ["store", ["store"]],
  ["bot", ["bot"]],
  ["schedule", ["schedule"]],
  ["features", ["digests", "budgets", "alerts"]],
  ["server", ["server"]],
  ["adapters", ["adapters"]],
  ["entry", ["main", join("adapters", "cli")]],
];

function layerOf(file: string): number {
  const rel = file.slice("src".length + 1);
  let found = -1;
  let longest = -1;
  LAYERS.forEach(([, names], i) => {
    for (const name of names) {
      if ((rel === name || rel.startsWith(name + sep)) && name.length > longest) [found, longest] = [i, name.length];
    }
  });
  return found;
}

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

  it("puts every file of src/ in a layer", () => {
    expect([...graph.keys()].filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it("has no import from a higher layer", () => {
    const upward = [...graph].flatMap(([f, deps]) =>
      deps.filter((d) => layerOf(d) > layerOf(f)).map((d) => `${f} (${LAYERS[layerOf(f)][0]}) imports ${d} (${LAYERS[layerOf(d)][0]})`),
    );
    expect(upward).toEqual([]);
  });

  it("knows the layers it checks (a file of each is placed as the README draws it)", () => {
    const at = (f: string) => LAYERS[layerOf(join("src", ...f.split("/")))]?.[0];
    expect(
      [
        "base/errors.ts",
        "log.ts",
        "cost/spikes.ts",
        "bot/bot.ts",
        "budgets/check.ts",
        "main/serve.ts",
        "adapters/cli/main.ts",
        "adapters/slack/mount.ts",
      ].map(at),
    ).toEqual(["base", "base", "cost", "bot", "features", "entry", "entry", "adapters"]);
  });
});
