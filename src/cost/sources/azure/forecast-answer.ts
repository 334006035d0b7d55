// Assembles the forecast answer over every scope: Azure's actual + forecast days summed exactly;
// a scope Azure cannot forecast (424) still shows its actual cost, with the reason. No HTTP here.
import { sumAmounts, type Amount } from "../../money.js";
import type { CostRow } from "../../types.js";
import type { CacheAnswer } from "./cache.js";
import type { FetchedForecast } from "./forecast.js";
import type { ForecastResult, ScopeForecast } from "./types.js";
import type { DateWindow } from "./window.js";

export interface ForecastInputs {
  ids: string[];
  window: DateWindow;
  warnings: string[];
  load: (id: string) => Promise<CacheAnswer<FetchedForecast>>;
  /** Cost rows so far in the window, from the cached cost query (used when there is no forecast). */
  actualSoFar: (id: string) => Promise<CostRow[]>;
  /** The error to throw for a failure, or undefined when the scope should answer without a forecast. */
  fail: (e: unknown, id: string) => Error | undefined;
}

export async function forecastFor(inp: ForecastInputs): Promise<ForecastResult> {
  const warnings = [...inp.warnings];
  const latest: string[] = [];
  const scopes = await Promise.all(inp.ids.map((id) => one(id)));

  async function one(id: string): Promise<ScopeForecast> {
    let answer: CacheAnswer<FetchedForecast>;
    try {
      answer = await inp.load(id);
    } catch (e) {
      const err = inp.fail(e, id);
      if (err) throw err;
      return withoutForecast(id, e);
    }
    // Azure may send rows outside the period asked for (the published example does); a cached
    // answer may also cover a wider window. Only the period's days count.
    const f = { ...answer.value, days: answer.value.days.filter((d) => d.date >= inp.window.from && d.date <= inp.window.to) };
    if (answer.staleBecause !== undefined)
      warnings.push(`Azure did not answer the forecast for ${id}: showing the one from ${new Date(answer.storedAt).toISOString()}.`);
    const actual = sumAmounts(f.days.filter((d) => d.status === "actual").map((d) => d.cost));
    const forecast = sumAmounts(f.days.filter((d) => d.status === "forecast").map((d) => d.cost));
    const lastActual = f.days.filter((d) => d.status === "actual").at(-1)?.date;
    if (lastActual) latest.push(`${lastActual}T00:00:00Z`);
    return { scope: id, currency: f.currency, actual, forecast, projected: actual + forecast, days: f.days };
  }

  async function withoutForecast(id: string, e: unknown): Promise<ScopeForecast> {
    const rows = await inp.actualSoFar(id);
    const said = e instanceof Error ? e.message.replace(/^HTTP 424\S*:?\s*/, "") : "";
    const reason = `Azure cannot forecast ${id} yet (424: ${said || "failed dependency"}); usually too little cost history. Showing actual cost only.`;
    warnings.push(reason);
    const actual: Amount = sumAmounts(rows.map((r) => r.cost));
    return { scope: id, currency: rows[0]?.currency ?? "USD", actual, forecast: null, projected: null, days: [], unavailable: reason };
  }

  const currencies = new Set(scopes.map((s) => s.currency));
  if (currencies.size > 1) warnings.push(`The scopes bill in different currencies (${[...currencies].join(", ")}): totals mix them.`);
  return {
    from: inp.window.from,
    to: inp.window.to,
    currency: scopes[0]?.currency ?? "USD",
    scopes,
    actual: sumAmounts(scopes.map((s) => s.actual)),
    projected: scopes.every((s) => s.projected !== null) ? sumAmounts(scopes.map((s) => s.projected!)) : null,
    dataAsOf: latest.sort()[0] ?? null,
    warnings,
  };
}
