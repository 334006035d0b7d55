import { describe, expect, it } from "vitest";
import { failureSpikeCard } from "../../../src/alerts/failure-spike-job.js";
import { createDemoMetricsSource } from "../../../src/cost/metrics/demo.js";
import { detectFailureSpikes } from "../../../src/cost/metrics/failure-spikes.js";
import type { RequestRow } from "../../../src/cost/metrics/types.js";

const row = (date: string, statusCode: string, requests: number, model = "gpt-4o"): RequestRow => ({
  date,
  account: "a",
  deployment: "d",
  model,
  statusCode,
  requests,
});
const days = (n: number, end: string) =>
  Array.from({ length: n }, (_, i) => new Date(Date.parse(`${end}T00:00:00Z`) - (n - i) * 86_400_000).toISOString().slice(0, 10));

describe("billed-failure spikes", () => {
  const usual = days(14, "2026-11-20").flatMap((d) => [row(d, "400", 40), row(d, "408", 10), row(d, "429", 5000)]);

  it("flags a day with at least 3x the median billed failures and 100 more", () => {
    const s = detectFailureSpikes([...usual, row("2026-11-20", "400", 140), row("2026-11-20", "408", 10)], "2026-11-20");
    expect(s).toEqual([{ model: "gpt-4o", date: "2026-11-20", billed: 150, baseline: 50, samples: 14 }]);
    expect(failureSpikeCard(s[0]).title).toBe("Billed failures spike: gpt-4o had 150 billed failed requests on 20 Nov 2026, 3.0× its usual 50");
  });

  it("ignores rate-limit (429) floods and small jumps", () => {
    expect(detectFailureSpikes([...usual, row("2026-11-20", "429", 90_000), row("2026-11-20", "400", 60)], "2026-11-20")).toEqual([]);
    expect(detectFailureSpikes([...usual, row("2026-11-20", "400", 140)], "2026-11-20")).toEqual([]); // 140 < 3 x 50
  });

  it("finds the demo's content-filter spike on gpt-4o-mini and nothing the day before", async () => {
    const m = await createDemoMetricsSource({ clock: () => new Date("2026-11-27T15:00:00Z") }).usage({ from: "2026-11-01", to: "2026-11-27" });
    expect(detectFailureSpikes(m.requests, "2026-11-25").map((s) => s.model)).toEqual(["gpt-4o-mini"]);
    expect(detectFailureSpikes(m.requests, "2026-11-24")).toEqual([]);
  });
});
