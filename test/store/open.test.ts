import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, redactDatabaseUrl } from "../../src/store/open.js";
import { toPositional } from "../../src/store/postgres-driver.js";
import type { Store } from "../../src/store/types.js";

describe("openStore", () => {
  const open: Store[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("keeps each :memory: store to itself", async () => {
    const [a, b] = [await openStore(":memory:"), await openStore(":memory:")];
    open.push(a, b);
    expect(a.dialect).toBe("sqlite");
    await a.upsertTarget({ platform: "slack", address: "C1" });
    expect(await a.listTargets()).toHaveLength(1);
    expect(await b.listTargets()).toEqual([]);
  });

  it.each(["", "sqlite:", "file:"])("reads %j plus a path as a SQLite file and creates its folder", async (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), "costbot-open-"));
    dirs.push(dir);
    const path = join(dir, "data", "nested", "costbot.db");
    const s = await openStore(prefix + path);
    open.push(s);
    expect(s.dialect).toBe("sqlite");
    expect(existsSync(path)).toBe(true);
  });

  it("fails with the address, not the password, when PostgreSQL is unreachable", async () => {
    const err = await openStore("postgres://costbot:s3cret@127.0.0.1:1/test").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "CONFIG", message: expect.stringContaining("postgres://costbot:***@127.0.0.1:1/test") });
    expect(String((err as Error).message)).not.toContain("s3cret");
  });

  it.each([
    ["postgres://u:p@h/db", "postgres://u:***@h/db"],
    ["postgresql://u:p:q@h:5432/db?x=1", "postgresql://u:***@h:5432/db?x=1"],
    ["postgres://u@h/db", "postgres://u@h/db"],
    ["./data/costbot.db", "./data/costbot.db"],
  ])("redacts %s as %s", (url, shown) => {
    expect(redactDatabaseUrl(url)).toBe(shown);
  });

  it("numbers placeholders for pg in order", () => {
    expect(toPositional("SELECT * FROM t WHERE a = ? AND b IN (?, ?)")).toBe("SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
  });
});
