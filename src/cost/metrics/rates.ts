// Effective price per token, per model and direction, observed in billed cost data: what the bill
// actually charged (discounts included) over complete days. Exact bigint money; no SDK imports.
import { classify } from "../classify.js";
import type { Amount } from "../money.js";
import type { Channel, CostRow } from "../types.js";

/** Money per token (Amount units, 1e-12 of the currency), per direction seen in the bill. */
export interface ModelRate {
  channel: Channel;
  input?: Amount;
  cachedInput?: Amount;
  output?: Amount;
  /** Input and cached input together, for metrics that do not split the cache out. */
  blendedInput?: Amount;
}

export interface ObservedRates {
  from: string;
  to: string;
  byModel: Map<string, ModelRate>;
}

/** Rates from token-billed model rows dated `from`..`to` (inclusive); hourly (PTU) rows carry no rate. */
export function observedRates(rows: Iterable<CostRow>, from: string, to: string): ObservedRates {
  const sums = new Map<string, { channel: Channel; cost: Record<string, Amount>; tokens: Record<string, number> }>();
  for (const row of rows) {
    if (row.date < from || row.date > to) continue;
    const c = classify(row);
    if (!c.isModel || c.tokens <= 0 || c.direction === "none") continue;
    let s = sums.get(c.model);
    if (!s) sums.set(c.model, (s = { channel: c.channel, cost: {}, tokens: {} }));
    s.cost[c.direction] = (s.cost[c.direction] ?? 0n) + row.cost;
    s.tokens[c.direction] = (s.tokens[c.direction] ?? 0) + c.tokens;
  }
  const byModel = new Map<string, ModelRate>();
  for (const [model, s] of sums) {
    const per = (cost: Amount | undefined, tokens: number | undefined) =>
      cost !== undefined && tokens ? cost / BigInt(Math.round(tokens)) : undefined;
    const inCost = (s.cost.input ?? 0n) + (s.cost["cached-input"] ?? 0n);
    const inTokens = (s.tokens.input ?? 0) + (s.tokens["cached-input"] ?? 0);
    byModel.set(model, {
      channel: s.channel,
      input: per(s.cost.input, s.tokens.input),
      cachedInput: per(s.cost["cached-input"], s.tokens["cached-input"]),
      output: per(s.cost.output, s.tokens.output),
      blendedInput: per(inCost, inTokens),
    });
  }
  return { from, to, byModel };
}
