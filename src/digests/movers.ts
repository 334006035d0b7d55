// Top movers for the digest: models and channels whose spend on one day moved most (in money)
// against their average over the seven days before. Pure; uses the shared aggregation.
import { aggregate } from "../cost/aggregate.js";
import { toMoneyNumber, type Amount } from "../cost/money.js";
import type { Channel, CostRow } from "../cost/types.js";
import { shiftDays } from "../base/dates.js";
import type { DigestMover } from "./report.js";

const TRAILING_DAYS = 7;
const TOP_MODELS = 3;

export function moversOf(rows: CostRow[], day: string): DigestMover[] {
  const from = shiftDays(day, -TRAILING_DAYS);
  const to = shiftDays(day, -1);
  const models = compare(
    aggregate(rows, { from: day, to: day, groupBy: "model" }).groups,
    aggregate(rows, { from, to, groupBy: "model" }).groups,
    "model",
  ).slice(0, TOP_MODELS);
  const channels = compare(
    aggregate(rows, { from: day, to: day, groupBy: "channel" }).groups,
    aggregate(rows, { from, to, groupBy: "channel" }).groups,
    "channel",
  );
  return [...models, ...channels];
}

type Groups = Map<string, { cost: Amount; channels: Set<Channel> }>;

function compare(today: Groups, trailing: Groups, kind: DigestMover["kind"]): DigestMover[] {
  const keys = new Set([...today.keys(), ...trailing.keys()]);
  const out: Array<DigestMover & { exact: Amount }> = [];
  for (const key of keys) {
    const cost = today.get(key)?.cost ?? 0n;
    const average = (trailing.get(key)?.cost ?? 0n) / BigInt(TRAILING_DAYS);
    const exact = cost - average;
    const change = toMoneyNumber(exact);
    if (change === 0) continue;
    const chans = new Set([...(today.get(key)?.channels ?? []), ...(trailing.get(key)?.channels ?? [])]);
    const m: DigestMover & { exact: Amount } = { kind, key, cost: toMoneyNumber(cost), average: toMoneyNumber(average), change, exact };
    if (kind === "model" && chans.size === 1) m.channel = [...chans][0];
    out.push(m);
  }
  const abs = (a: Amount) => (a < 0n ? -a : a);
  out.sort((a, b) => (abs(a.exact) === abs(b.exact) ? a.key.localeCompare(b.key) : abs(a.exact) > abs(b.exact) ? -1 : 1));
  return out.map(({ exact: _exact, ...m }) => m);
}
