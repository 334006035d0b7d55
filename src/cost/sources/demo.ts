// Built-in demo data: a deterministic, realistic Azure AI cost history relative to the clock, so a
// newcomer sees the bot work with nothing configured. Must not import platform or Azure SDKs.
import { addMonths, dayFraction, eachDate, shiftDays, startOfMonth, startOfUtcDay, utcDate, weekday } from "../../base/dates.js";
import { parseAmount, type Amount } from "../money.js";
import { makeRow, type CostQuery, type CostResult, type CostRow, type CostSource } from "../types.js";

interface Series {
  id: string;
  /** Typical weekday quantity in `unitOfMeasure` units. */
  perDay: number;
  /** Price per unit as a fixed decimal string (at most 6 decimals, so costs stay exact). */
  price: string;
  /** Share of a weekday's usage on Saturday/Sunday. */
  weekend: number;
  /** Noise amplitude (0.15 = +-15 %); 0 for flat charges like PTU. */
  noise: number;
  row: Partial<CostRow>;
}

const SUB = "/subscriptions/00000000-0000-4000-8000-00000000c0de/resourceGroups";
const aoai = (resourceName: string, resourceGroup: string) => ({
  meterCategory: "Foundry Models",
  meterSubCategory: "Azure OpenAI",
  product: "Azure OpenAI",
  serviceName: "Microsoft.CognitiveServices",
  publisherType: "Microsoft",
  publisherName: "Microsoft",
  resourceName,
  resourceGroup,
  unitOfMeasure: "1K",
  resourceId: `${SUB}/${resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${resourceName}`,
});
const PROD = aoai("contoso-ai-prod", "rg-ai-prod");
const DEV = aoai("contoso-ai-dev", "rg-ai-dev");
const DEEPSEEK = { ...PROD, meterSubCategory: "DeepSeek", product: "DeepSeek" };
const market = (model: string, guid: string, publisherName: string) => ({
  meterCategory: "SaaS",
  meterSubCategory: "Azure AI Foundry models",
  product: `${model} (Azure AI)`,
  serviceName: "SaaS",
  publisherType: "Marketplace",
  publisherName,
  resourceGroup: "rg-ai-prod",
  resourceName: `${model}-${guid}`,
  unitOfMeasure: "1K",
  resourceId: `${SUB}/rg-ai-prod/providers/Microsoft.SaaS/resources/${model}-${guid}`,
});
const MISTRAL = market("mistral-large-2411", "6f1c2a9e-4b7d-4c1e-9a35-0d2e8b7c5a10", "Mistral AI");
const COHERE = market("cohere-command-r-plus", "b3e8d4c1-2f6a-4e9b-8c7d-1a5f0e3b9d22", "Cohere");
const LLAMA = market("meta-llama-3.1-70b-instruct", "0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c33", "Meta");

/** The model that spikes ~4x on one day (a batch job stuck in a retry loop). */
export const DEMO_SPIKE = { model: "gpt-4o", series: "4o-", daysAgo: 10, factor: 4 };

const SERIES: Series[] = [
  { id: "4o-in", perDay: 90_000, price: "0.0025", weekend: 0.3, noise: 0.15, row: { ...PROD, meterName: "gpt-4o-0806-Inp-glbl Tokens" } },
  { id: "4o-out", perDay: 14_000, price: "0.01", weekend: 0.3, noise: 0.15, row: { ...PROD, meterName: "gpt-4o-0806-Outp-glbl Tokens" } },
  { id: "4o-cached", perDay: 30_000, price: "0.00125", weekend: 0.3, noise: 0.2, row: { ...PROD, meterName: "gpt 4o 0806 cached Inp glbl Tokens" } },
  { id: "mini-in", perDay: 160_000, price: "0.00015", weekend: 0.5, noise: 0.15, row: { ...PROD, meterName: "gpt-4o-mini-0718-Inp-glbl Tokens" } },
  { id: "mini-out", perDay: 25_000, price: "0.0006", weekend: 0.5, noise: 0.15, row: { ...PROD, meterName: "gpt-4o-mini-0718-Outp-glbl Tokens" } },
  { id: "41-in", perDay: 22_000, price: "0.002", weekend: 0.2, noise: 0.2, row: { ...DEV, meterName: "gpt 4.1 Inp glbl Tokens" } },
  { id: "41-out", perDay: 4_000, price: "0.008", weekend: 0.2, noise: 0.2, row: { ...DEV, meterName: "gpt 4.1 Outp glbl Tokens" } },
  { id: "o3mini-in", perDay: 9_000, price: "0.00121", weekend: 0.25, noise: 0.25, row: { ...DEV, meterName: "o3 mini 0131 Inp DZone Tokens" } },
  { id: "o3mini-out", perDay: 2_500, price: "0.00484", weekend: 0.25, noise: 0.25, row: { ...DEV, meterName: "o3 mini 0131 Outp DZone Tokens" } },
  { id: "r1-in", perDay: 8_000, price: "0.00135", weekend: 0.3, noise: 0.2, row: { ...DEEPSEEK, meterName: "R1 Inp glbl Tokens" } },
  { id: "r1-out", perDay: 2_000, price: "0.0054", weekend: 0.3, noise: 0.2, row: { ...DEEPSEEK, meterName: "R1 Outp glbl Tokens" } },
  { id: "emb", perDay: 60_000, price: "0.00013", weekend: 0.4, noise: 0.1, row: { ...PROD, meterName: "text-embedding-3-large-glbl Tokens" } },
  { id: "ptu", perDay: 360, price: "1", weekend: 1, noise: 0, row: { ...PROD, meterName: "Provisioned Managed Global", unitOfMeasure: "1 Hour" } },
  { id: "mistral-in", perDay: 12_000, price: "0.002", weekend: 0.3, noise: 0.2, row: { ...MISTRAL, meterName: "paygo-inference-input-tokens" } },
  { id: "mistral-out", perDay: 2_500, price: "0.006", weekend: 0.3, noise: 0.2, row: { ...MISTRAL, meterName: "paygo-inference-output-tokens" } },
  { id: "cohere-in", perDay: 6_000, price: "0.0025", weekend: 0.3, noise: 0.25, row: { ...COHERE, meterName: "paygo-inference-input-tokens" } },
  { id: "cohere-out", perDay: 1_500, price: "0.01", weekend: 0.3, noise: 0.25, row: { ...COHERE, meterName: "paygo-inference-output-tokens" } },
  { id: "llama-in", perDay: 7_000, price: "0.00268", weekend: 0.4, noise: 0.2, row: { ...LLAMA, meterName: "paygo-inference-input-tokens" } },
  { id: "llama-out", perDay: 2_000, price: "0.00354", weekend: 0.4, noise: 0.2, row: { ...LLAMA, meterName: "paygo-inference-output-tokens" } },
  {
    id: "logs",
    perDay: 4,
    price: "2.3",
    weekend: 0.6,
    noise: 0.2,
    row: {
      meterCategory: "Log Analytics",
      product: "Log Analytics - Pay-as-you-go Data Ingestion",
      meterName: "Pay-as-you-go Data Ingestion",
      serviceName: "microsoft.operationalinsights",
      publisherType: "Microsoft",
      publisherName: "Microsoft",
      unitOfMeasure: "1 GB",
      resourceName: "law-ai-prod",
      resourceGroup: "rg-ai-prod",
      resourceId: `${SUB}/rg-ai-prod/providers/Microsoft.OperationalInsights/workspaces/law-ai-prod`,
    },
  },
  {
    id: "storage",
    perDay: 16.667,
    price: "0.0208",
    weekend: 1,
    noise: 0.02,
    row: {
      meterCategory: "Storage",
      meterSubCategory: "Tiered Block Blob",
      product: "Tiered Block Blob - Hot LRS - Data Stored",
      meterName: "Hot LRS Data Stored",
      serviceName: "Microsoft.Storage",
      publisherType: "Microsoft",
      publisherName: "Microsoft",
      unitOfMeasure: "1 GB/Month",
      resourceName: "stcontosoaiprod",
      resourceGroup: "rg-ai-prod",
      resourceId: `${SUB}/rg-ai-prod/providers/Microsoft.Storage/storageAccounts/stcontosoaiprod`,
    },
  },
];

const HOUR = 3_600_000;

export function createDemoCostSource(opts: { clock?: () => Date } = {}): CostSource {
  const clock = opts.clock ?? (() => new Date());
  let memo: { key: number; rows: CostRow[]; dataAsOf: string; coverage: { from: string; to: string } } | null = null;
  return {
    name: "demo data",
    async query(q: CostQuery): Promise<CostResult> {
      const now = clock();
      const key = Math.floor(now.getTime() / HOUR);
      // Data only changes hourly; regenerate once per hour of clock, not per query.
      if (memo?.key !== key) memo = { key, ...generate(now) };
      const { rows, dataAsOf, coverage } = memo;
      return { rows: rows.filter((r) => r.date >= q.from && r.date <= q.to), dataAsOf, warnings: [], coverage };
    },
  };
}

/**
 * Every demo row up to the refresh time: ~90 days back and the whole previous month. `wholeToday`
 * gives the bill as it will read once today is final (the demo metrics' truth).
 */
export function generate(
  now: Date,
  opts: { wholeToday?: boolean } = {},
): { rows: CostRow[]; dataAsOf: string; coverage: { from: string; to: string } } {
  const today = utcDate(now);
  // Cost data lags: refreshed at 06:00 UTC, or a few hours behind the clock early in the day.
  const asOf = new Date(
    opts.wholeToday
      ? startOfUtcDay(shiftDays(today, 1)).getTime()
      : Math.min(startOfUtcDay(today).getTime() + 6 * HOUR, Math.floor((now.getTime() - 3 * HOUR) / HOUR) * HOUR),
  );
  const lastDay = utcDate(asOf);
  const prevMonth = addMonths(startOfMonth(today), -1);
  const back90 = shiftDays(today, -90);
  const first = back90 < prevMonth ? back90 : prevMonth;
  const spikeDay = shiftDays(today, -DEMO_SPIKE.daysAgo);
  const rows: CostRow[] = [];
  for (const date of eachDate(first, lastDay)) {
    const day = weekday(date);
    // The refresh day is only partly billed yet.
    const part = date === lastDay ? dayFraction(asOf) : 1;
    if (part <= 0) continue;
    for (const s of SERIES) {
      let f = (day === 0 || day === 6 ? s.weekend : 1) * part;
      f *= 1 + s.noise * (2 * unitRandom(`${s.id}|${date}`) - 1);
      if (date === spikeDay && s.id.startsWith(DEMO_SPIKE.series)) f *= DEMO_SPIKE.factor;
      const milli = Math.round(s.perDay * f * 1000);
      if (milli <= 0) continue;
      rows.push(makeRow({ ...s.row, date, quantity: milli / 1000, cost: costOf(s.price, milli) }));
    }
  }
  const coverage = { from: first, to: rows.length ? rows[rows.length - 1].date : first };
  return { rows, dataAsOf: asOf.toISOString().replace(".000Z", "Z"), coverage };
}

// price has at most 6 decimals (a multiple of 1e6 pico-units), so dividing by 1000 is exact.
function costOf(price: string, milliUnits: number): Amount {
  return (parseAmount(price)! * BigInt(milliUnits)) / 1000n;
}

/** A deterministic number in [0, 1) from a string (FNV-1a, then one xorshift-multiply round). */
function unitRandom(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 2 ** 32;
}
