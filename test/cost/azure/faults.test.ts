import { afterEach, describe, expect, it } from "vitest";
import { sumAmounts } from "../../../src/cost/money.js";
import { throttleWaitMs } from "../../../src/cost/sources/azure/retry-policy.js";
import { throttled } from "../../fakes/arm.js";
import { aiCosts, setup, SUB, total, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

const Q = { from: "2025-11-01", to: "2025-11-27", costType: "actual" as const };
const QPU = "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after";
const ENTITY = "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after";
const TENANT = "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after";

describe("throttleWaitMs", () => {
  const now = Date.parse("2025-11-27T10:00:00Z");
  it.each([
    [{ "retry-after": "7" }, 7000],
    [{ [QPU]: "12" }, 12_000],
    [{ [ENTITY]: "30" }, 30_000],
    [{ [TENANT]: "45" }, 45_000],
    [{ "retry-after-ms": "1500" }, 1500],
    [{ "retry-after": "5", [QPU]: "20", [ENTITY]: "9" }, 20_000],
    [{ "retry-after": "Thu, 27 Nov 2025 10:00:08 GMT" }, 8000],
    [{}, undefined],
    [{ [QPU]: "soon" }, undefined],
  ])("reads %j as %s ms", (headers, expected) => {
    expect(throttleWaitMs((n) => (headers as Record<string, string>)[n], now)).toBe(expected);
  });
});

describe("Azure source faults", () => {
  it.each([
    ["Retry-After", { "retry-after": "3" }, 3000],
    ["the QPU header", { [QPU]: "4" }, 4000],
    ["the entity header", { [ENTITY]: "5" }, 5000],
    ["the tenant header", { [TENANT]: "6" }, 6000],
  ])("waits as long as %s asks after a 429, then retries", async (_, headers, ms) => {
    h = await setup();
    const data = aiCosts(SUB, 2);
    h.fake.setCosts(SUB, data);
    h.fake.script("query", throttled(headers));
    const r = await h.source.query(Q);
    expect(h.fake.of("query")).toHaveLength(2);
    expect(h.waits).toHaveLength(1);
    expect(h.waits[0]).toBeGreaterThanOrEqual(ms);
    expect(h.waits[0]).toBeLessThanOrEqual(ms + 1000);
    expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(total(data, Q.from, Q.to));
  });

  it("waits for the largest of several throttling headers", async () => {
    h = await setup();
    h.fake.script("query", throttled({ "retry-after": "2", [QPU]: "9", [TENANT]: "4" }));
    await h.source.query(Q);
    expect(h.waits[0]).toBeGreaterThanOrEqual(9000);
  });

  it("does not retry before Azure allows when it asks for longer than the cap, and says when to try again", async () => {
    h = await setup({}, { retry: { maxWaitMs: 10_000 } });
    h.fake.script("query", throttled({ [QPU]: "300" }));
    await expect(h.source.query(Q)).rejects.toMatchObject({ code: "THROTTLED", message: expect.stringMatching(/try again in 300 s/i) });
    expect(h.fake.of("query")).toHaveLength(1);
    expect(h.waits).toEqual([]);
  });

  it("retries 5xx answers with growing backoff, then succeeds", async () => {
    h = await setup();
    const data = aiCosts(SUB, 2);
    h.fake.setCosts(SUB, data);
    h.fake.script("query", { status: 500, body: { error: { code: "InternalServerError", message: "boom" } } }, { status: 503 });
    const r = await h.source.query(Q);
    expect(h.fake.of("query")).toHaveLength(3);
    expect(h.waits).toHaveLength(2);
    expect(h.waits[1]).toBeGreaterThan(h.waits[0]);
    expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(total(data, Q.from, Q.to));
  });

  it("retries a page that fails mid-way and still returns every page", async () => {
    const data = aiCosts(SUB, 2); // 58 days x 3 rows: four pages of 50
    h = await setup({ pageSize: 50, fault: (kind, n) => (kind === "query" && n === 3 ? { status: 502 } : undefined) });
    h.fake.setCosts(SUB, data);
    const r = await h.source.query({ from: "2025-10-01", to: "2025-11-27", costType: "actual" });
    const posts = h.fake.of("query");
    expect(posts).toHaveLength(5);
    expect(posts[2].query.$skiptoken).toBe(posts[3].query.$skiptoken);
    expect(r.rows).toHaveLength(data.length);
    expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(total(data, "2025-10-01", "2025-11-27"));
  });

  it("gives up after a slow answer past the timeout, and retries it", async () => {
    h = await setup({}, { retry: { attemptTimeoutMs: 300 } });
    h.fake.setCosts(SUB, aiCosts(SUB, 1));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    // The first answer is held until the question is answered: only giving up on it gets there.
    h.fake.script("query", { status: 200, until: released, body: {} });
    const r = await h.source.query(Q);
    release();
    expect(h.fake.of("query")).toHaveLength(2);
    expect(h.waits).toHaveLength(1);
    expect(r.rows.length).toBeGreaterThan(0);
  });

  it.each([
    [401, /credentials .*Cost Management Reader role on \/subscriptions\//],
    [403, /needs the Cost Management Reader role on \/subscriptions\//],
  ])("explains which role is needed on %i, without retrying", async (status, message) => {
    h = await setup();
    h.fake.script("query", { status, body: { error: { code: status === 401 ? "AuthenticationFailed" : "AuthorizationFailed", message: "no" } } });
    await expect(h.source.query(Q)).rejects.toMatchObject({ name: "CostbotError", code: "FORBIDDEN", message: expect.stringMatching(message) });
    expect(h.fake.of("query")).toHaveLength(1);
  });

  it("rejects a wrong token with the fake's own 401", async () => {
    h = await setup({ token: "another-token" });
    await expect(h.source.query(Q)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("answers from cached data with a freshness warning when Azure fails after the cache expired", async () => {
    h = await setup({}, { cacheTtlMs: 3_600_000, retry: { maxRetries: 1 } });
    const data = aiCosts(SUB, 2);
    h.fake.setCosts(SUB, data);
    const first = await h.source.query(Q);
    expect(first.warnings).toEqual([]);
    h.clock.advance(5 * 3_600_000);
    h.fake.script("query", { status: 503 }, { status: 503 });
    const r = await h.source.query(Q);
    expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(total(data, Q.from, Q.to));
    expect(r.warnings).toEqual([expect.stringMatching(/did not answer .*HTTP 503.*5\.0 h ago \(2025-11-27T10:00:00\.000Z\)/)]);
    expect(r.dataAsOf).toBe(first.dataAsOf);
    expect(h.fake.of("query")).toHaveLength(3);
    // Within the hold after a failure, the cache answers without asking Azure again.
    await h.source.query(Q);
    expect(h.fake.of("query")).toHaveLength(3);
  });

  it("fails with Azure's reason when it fails and nothing is cached", async () => {
    h = await setup({}, { retry: { maxRetries: 0 } });
    h.fake.script("query", { status: 500, body: { error: { code: "InternalServerError", message: "backend unavailable" } } });
    await expect(h.source.query(Q)).rejects.toMatchObject({ code: "SOURCE_FAILED", message: expect.stringMatching(/HTTP 500.*backend unavailable/) });
  });
});

describe("Azure source with several scopes", () => {
  it("answers from the scopes that worked and says which one is missing and why", async () => {
    const other = "/subscriptions/00000000-0000-0000-0000-000000000002";
    h = await setup(
      {
        fault: (kind, _n, scope) =>
          kind === "query" && scope === other ? { status: 403, body: { error: { code: "AuthorizationFailed", message: "no" } } } : undefined,
      },
      { scopes: [SUB, other] },
    );
    const data = aiCosts(SUB, 2);
    h.fake.setCosts(SUB, data);
    const r = await h.source.query(Q);
    expect(sumAmounts(r.rows.map((x) => x.cost))).toBe(total(data, Q.from, Q.to));
    expect(r.warnings).toEqual([
      expect.stringMatching(/^Missing from these totals: .*00000000-0000-0000-0000-000000000002 .*Cost Management Reader/),
    ]);
  });

  it("fails when no scope answers", async () => {
    h = await setup({ fault: (kind) => (kind === "query" ? { status: 403 } : undefined) }, { scopes: [SUB, `${SUB.slice(0, -1)}2`] });
    await expect(h.source.query(Q)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
