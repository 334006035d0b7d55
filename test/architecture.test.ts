import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
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

  it("reads process.env only in config and the logger", () => {
    const allowed = [join("src", "config.ts"), join("src", "log.ts")];
    const offenders = files("src").filter((f) => !allowed.includes(f) && /process\.env/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
