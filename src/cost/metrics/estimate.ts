// Estimated cost of metric tokens: tokens per model and direction times the observed rate, or for a
// model with no billed history a fallback (the retail list price) named apart. Models with neither
// are named, never priced by guess. Pure; no SDK imports.
import type { Amount } from "../money.js";
import type { ModelRate, ObservedRates } from "./rates.js";
import type { UsageRow } from "./types.js";

/** The rate for a row whose model has no observed rate (the list price of its deployment), if any. */
export type FallbackRate = (u: UsageRow) => ModelRate | undefined;

export interface UsageEstimate {
  cost: Amount;
  /** Per model, for allocation and reconciliation. */
  byModel: Map<string, Amount>;
  /** Models with tokens but no rate in the history: left out of `cost`. */
  unpriced: Set<string>;
  /** Models priced (wholly or partly) by the fallback rate, not an observed one. */
  fallback: Set<string>;
}

/** Cost of one usage row at its model's rates, or null when the model has no usable rate. */
export function priceUsage(u: Pick<UsageRow, "model" | "inputTokens" | "cachedInputTokens" | "outputTokens">, rates: ObservedRates): Amount | null {
  const r = rates.byModel.get(u.model);
  return r ? priceAt(u, r) : null;
}

/** Cost of tokens at one rate per direction, or null when a direction with tokens has no rate. */
function priceAt(u: Pick<UsageRow, "inputTokens" | "cachedInputTokens" | "outputTokens">, r: ModelRate): Amount | null {
  let cost = 0n;
  const split = u.cachedInputTokens > 0 && r.cachedInput !== undefined && r.input !== undefined;
  if (split) {
    cost += r.cachedInput! * BigInt(Math.round(u.cachedInputTokens));
    cost += r.input! * BigInt(Math.round(u.inputTokens - u.cachedInputTokens));
  } else if (u.inputTokens > 0) {
    const rate = r.blendedInput ?? r.input;
    if (rate === undefined) return null;
    cost += rate * BigInt(Math.round(u.inputTokens));
  }
  if (u.outputTokens > 0) {
    if (r.output === undefined) return null;
    cost += r.output * BigInt(Math.round(u.outputTokens));
  }
  return cost;
}

export function estimateUsage(usage: Iterable<UsageRow>, rates: ObservedRates, fallback?: FallbackRate): UsageEstimate {
  const out: UsageEstimate = { cost: 0n, byModel: new Map(), unpriced: new Set(), fallback: new Set() };
  for (const u of usage) {
    const observed = rates.byModel.get(u.model);
    const r = observed ?? fallback?.(u);
    const c = r ? priceAt(u, r) : null;
    if (!observed && c !== null) out.fallback.add(u.model);
    if (c === null) {
      if (u.inputTokens + u.outputTokens > 0) out.unpriced.add(u.model);
      continue;
    }
    out.cost += c;
    out.byModel.set(u.model, (out.byModel.get(u.model) ?? 0n) + c);
  }
  return out;
}
