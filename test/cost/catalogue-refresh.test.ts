import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createCatalogueRefreshJob, loadSavedCatalogue, refreshCatalogue } from "../../src/cost/catalogue-refresh.js";
import { classify } from "../../src/cost/classify.js";
import { catalogueSize, lookupMeter, setCatalogue, type CatalogueEntry } from "../../src/cost/meter-catalogue.js";
import { makeRow } from "../../src/cost/types.js";
import { startRetailFake, type RetailFake } from "../fakes/retail-prices.js";

const RETAIL: Array<Record<string, unknown>> = JSON.parse(
  await readFile(new URL("../fixtures/reference/meters/retail/foundry-meters.json", import.meta.url), "utf8"),
);
const SHIPPED: CatalogueEntry[] = JSON.parse(await readFile(new URL("../../src/cost/meter-catalogue.json", import.meta.url), "utf8"));
// A meter Azure adds after the shipped list was built: a new product only the refresh knows.
const NEW = {
  ...RETAIL[0],
  meterId: "00000000-1111-2222-3333-444444444444",
  meterName: "K3 Inp glbl Tokens",
  skuName: "K3 Inp glbl",
  productName: "Azure Kimi Models",
};

function logs() {
  const lines: Array<[string, object, string]> = [];
  return { lines, info: (o: object, m: string) => void lines.push(["info", o, m]), warn: (o: object, m: string) => void lines.push(["warn", o, m]) };
}

let fake: RetailFake | undefined;
let dir = "";
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  setCatalogue(SHIPPED);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("meter catalogue refresh from the Retail Prices API", () => {
  it("follows NextPageLink over every page, saves the copy and classifies the new meters at once", async () => {
    fake = await startRetailFake([...RETAIL, NEW], 100);
    dir = await mkdtemp(join(tmpdir(), "costbot-prices-"));
    const row = makeRow({ date: "2026-01-01", cost: 1n, meterName: "K3 Inp glbl Tokens" });
    expect(classify(row).isModel).toBe(false);
    const log = logs();
    expect(await refreshCatalogue({ url: fake.url, dir, log })).toBe(true);
    expect(fake.requests).toHaveLength(17);
    expect(fake.requests[1]).toMatch(/\$filter=serviceName.*&\$skip=100$/);
    expect(lookupMeter(NEW.meterId as string, "", "")).toMatchObject({
      product: "Azure Kimi Models",
      model: "K3 Inp glbl Tokens",
      recognised: false,
    });
    // The product (Foundry Models) now says it is model spend, even though no rule names the model.
    expect(classify(row)).toMatchObject({ isModel: true, recognised: false, direction: "input" });
    const saved = JSON.parse(await readFile(join(dir, "meter-catalogue.json"), "utf8"));
    expect(saved).toHaveLength(1621);
    expect(log.lines.map(([level, , msg]) => [level, msg])).toEqual([["info", "meter catalogue: refreshed from the Retail Prices API"]]);
  });

  it("keeps the last good catalogue and says so in the log when a page fails", async () => {
    fake = await startRetailFake([...RETAIL, NEW], 500);
    dir = await mkdtemp(join(tmpdir(), "costbot-prices-"));
    // The first page answers, the second fails: nothing of the half-read list is used.
    fake.fail(0, 503);
    const log = logs();
    const before = catalogueSize();
    expect(await refreshCatalogue({ url: fake.url, dir, log })).toBe(false);
    expect(fake.requests).toHaveLength(2);
    expect(lookupMeter(NEW.meterId as string, "", "")).toBeUndefined();
    expect(catalogueSize()).toBe(before);
    expect(log.lines).toEqual([
      [
        "warn",
        expect.objectContaining({ err: expect.stringMatching(/HTTP 503/) }),
        "meter catalogue: could not refresh from the Retail Prices API; keeping the last good copy",
      ],
    ]);
    await expect(readFile(join(dir, "meter-catalogue.json"))).rejects.toThrow();
  });

  it("loads the last good copy at start, over the shipped list", async () => {
    dir = await mkdtemp(join(tmpdir(), "costbot-prices-"));
    const log = logs();
    expect(await loadSavedCatalogue(dir, log)).toBe(false);
    const entry = { ...SHIPPED[0], meterId: NEW.meterId as string, meterName: "K3 Inp glbl Tokens", product: "Azure Kimi Models" };
    await writeFile(join(dir, "meter-catalogue.json"), JSON.stringify([entry]));
    expect(await loadSavedCatalogue(dir, log)).toBe(true);
    expect(catalogueSize()).toBe(SHIPPED.length + 1);
    await writeFile(join(dir, "meter-catalogue.json"), "{ not json");
    expect(await loadSavedCatalogue(dir, log)).toBe(false);
    expect(log.lines.at(-1)?.[2]).toMatch(/saved copy is unreadable/);
  });

  it("runs once a day in the background as a scheduler job", async () => {
    fake = await startRetailFake(RETAIL.slice(0, 50), 100);
    dir = await mkdtemp(join(tmpdir(), "costbot-prices-"));
    const job = createCatalogueRefreshJob({ url: fake.url, dir, log: logs() });
    expect(job.everyMs).toBe(24 * 60 * 60 * 1000);
    await job.run();
    await job.run();
    expect(await job.pending()).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });
});
