import { afterEach, describe, expect, it } from "vitest";
import { sumAmounts } from "../../../src/cost/money.js";
import { FULL_GROUPING, rejectedDimensions, smallerGrouping } from "../../../src/cost/sources/azure/grouping.js";
import { MCA_DIMENSIONS } from "../../fakes/arm-data.js";
import { aiCosts, setup, SUB, total, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

const Q = { from: "2025-11-01", to: "2025-11-27", costType: "actual" as const };
const groupingOf = (body: any): string[] => (body.dataset.grouping ?? []).map((g: { name: string }) => g.name);
const mcaMessage = `Invalid query definition: Invalid dataset grouping: 'ConsumedService'; valid values: ${[...MCA_DIMENSIONS, ""].map((d) => `'${d}'`).join(",")}.`;

describe("rejectedDimensions", () => {
  it.each([
    ["names the dimension and lists valid ones (MCA)", mcaMessage, ["ConsumedService"]],
    [
      "names one, but every requested one missing from the list counts",
      mcaMessage.replace("MeterSubcategory", "X"),
      ["MeterSubcategory", "ConsumedService"],
    ],
    ["names only the dimension", "Invalid dataset grouping: 'Product'", ["Product"]],
    ["says nothing about a dimension", "Dataset grouping cannot have more than 2 elements.", []],
  ])("%s", (_, message, expected) => {
    expect(rejectedDimensions(message, [...FULL_GROUPING]).sort()).toEqual([...expected].sort());
  });

  it("steps down to smaller groupings that keep meter and resource as long as possible", () => {
    expect(smallerGrouping([...FULL_GROUPING])).toEqual(["ResourceId", "Meter", "PublisherType", "UnitOfMeasure"]);
    expect(smallerGrouping(["ResourceId", "Meter", "PublisherType", "UnitOfMeasure"])).toEqual(["ResourceId", "Meter"]);
    expect(smallerGrouping(["Meter"])).toEqual([]);
    expect(smallerGrouping([])).toBeUndefined();
  });
});

describe("Azure source grouping fallback", () => {
  it("drops ConsumedService when an MCA scope rejects it, answers exactly, and remembers for the next refresh", async () => {
    h = await setup({ agreement: "MCA" }, { cacheTtlMs: 60_000 });
    const data = aiCosts(SUB, 2);
    h.fake.setCosts(SUB, data);
    const r = await h.source.query(Q);
    const posts = h.fake.of("query");
    expect(posts).toHaveLength(2);
    expect(groupingOf(posts[0].body)).toContain("ConsumedService");
    expect(groupingOf(posts[1].body)).toEqual(FULL_GROUPING.filter((d) => d !== "ConsumedService"));
    expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(total(data, Q.from, Q.to));
    // ServiceName stands in for ConsumedService: nothing visible is lost, so no warning.
    expect(r.warnings).toEqual([]);
    expect(r.rows.find((x) => x.publisherType === "Marketplace")?.serviceName).toBe("SaaS");
    h.clock.advance(120_000);
    await h.source.query(Q);
    expect(h.fake.of("query")).toHaveLength(3);
    expect(groupingOf(h.fake.of("query")[2].body)).not.toContain("ConsumedService");
  });

  it("drops UnitOfMeasure and Product on an EA scope in one retry and says token counts may be off", async () => {
    h = await setup({ agreement: "EA" });
    const data = aiCosts(SUB, 2);
    h.fake.setCosts(SUB, data);
    const r = await h.source.query(Q);
    expect(h.fake.of("query")).toHaveLength(2);
    expect(groupingOf(h.fake.of("query")[1].body)).not.toContain("UnitOfMeasure");
    expect(groupingOf(h.fake.of("query")[1].body)).not.toContain("Product");
    expect(r.warnings).toEqual([expect.stringMatching(/would not group .* by UnitOfMeasure, Product .*units of measure .*product names/)]);
    expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(total(data, Q.from, Q.to));
  });

  it("steps down to two groupings when Azure rejects the count, and says what is missing", async () => {
    h = await setup({ maxGroupings: 2 });
    const data = aiCosts(SUB, 3);
    h.fake.setCosts(SUB, data);
    const r = await h.source.query(Q);
    const posts = h.fake.of("query");
    expect(posts.map((p) => groupingOf(p.body).length)).toEqual([10, 4, 2]);
    expect(groupingOf(posts[2].body)).toEqual(["ResourceId", "Meter"]);
    expect(r.warnings.join(" ")).toMatch(/meter categories.*service names.*publisher type.*units of measure/);
    expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(total(data, Q.from, Q.to));
    expect(r.rows.some((x) => x.resourceName.startsWith("mistral-large-2411-"))).toBe(true);
  });

  it("fails on a 400 that no smaller grouping can fix", async () => {
    h = await setup({ maxGroupings: -1 });
    await expect(h.source.query(Q)).rejects.toMatchObject({ code: "SOURCE_FAILED", message: expect.stringMatching(/HTTP 400/) });
    expect(h.fake.of("query").map((p) => groupingOf(p.body).length)).toEqual([10, 4, 2, 1, 0]);
  });
});
