// Splits a whole number of cents by weights (largest remainder): the parts always add up to the
// whole exactly, ties going to the earlier part. Pure; platform-free.

/** Cents per weight, summing to `cents`; all-zero weights give everything to the first part. */
export function splitCents(cents: bigint, weights: bigint[]): bigint[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((s, w) => s + w, 0n);
  if (total <= 0n) return weights.map((_, i) => (i === 0 ? cents : 0n));
  const sign = cents < 0n ? -1n : 1n;
  const whole = cents * sign;
  const floors = weights.map((w) => (whole * w) / total);
  let left = whole - floors.reduce((s, c) => s + c, 0n);
  const order = weights.map((w, i) => ({ i, rem: (whole * w) % total })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0n) break;
    floors[i] += 1n;
    left--;
  }
  return floors.map((c) => c * sign);
}
