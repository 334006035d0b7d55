// Rounds exact parts to cents so the shown parts add up to the shown (rounded) total: each part
// is floored to a cent, and the cents left over go to the parts with the largest remainders.
// Pure; platform-free.
import { toCents, type Amount } from "./money.js";

const CENT = 10n ** 10n; // 1 cent in 1e-12 units

/** Cents per part (same order), summing to `toCents(sum of parts)`. Ties go to the earlier part. */
function apportionCents(parts: Amount[]): bigint[] {
  const floors = parts.map((a) => (a >= 0n ? a / CENT : -((-a + CENT - 1n) / CENT)));
  const total = toCents(parts.reduce((s, a) => s + a, 0n));
  let left = total - floors.reduce((s, c) => s + c, 0n);
  const order = parts.map((a, i) => ({ i, rem: a - floors[i] * CENT })).sort((x, y) => (x.rem === y.rem ? x.i - y.i : x.rem > y.rem ? -1 : 1));
  const out = [...floors];
  for (const { i } of order) {
    if (left <= 0n) break;
    out[i] += 1n;
    left--;
  }
  return out;
}

/** Like apportionCents, as JSON-friendly money numbers (1234.56). */
export function apportionMoney(parts: Amount[]): number[] {
  return apportionCents(parts).map((c) => Number(c) / 100);
}
