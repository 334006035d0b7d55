// Writes a large synthetic EA actual-cost export (default 1,000,000 rows over 60 days) for the
// export benchmark: AI model meters of both channels plus other-service rows, realistic columns.
// Deterministic (seeded). Bench-only: must not be imported by src/.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";

// The EA actual-cost header exactly as the reference sample writes it.
const HEADER =
  "BillingAccountId,BillingAccountName,BillingPeriodStartDate,BillingPeriodEndDate,BillingProfileId,BillingProfileName,AccountOwnerId,AccountName,SubscriptionId,SubscriptionName,Date,Product,PartNumber,MeterId,ServiceFamily,MeterCategory,MeterSubCategory,MeterRegion,MeterName,Quantity,EffectivePrice,Cost,UnitPrice,BillingCurrency,ResourceLocation,AvailabilityZone,ConsumedService,ResourceId,ResourceName,ServiceInfo1,ServiceInfo2,AdditionalInfo,Tags,InvoiceSectionId,InvoiceSection,CostCenter,UnitOfMeasure,ResourceGroup,ReservationId,ReservationName,ProductOrderId,ProductOrderName,OfferId,IsAzureCreditEligible,Term,PublisherName,PlanName,ChargeType,Frequency,PublisherType,PayGPrice,PricingModel,CostAllocationRuleName,benefitId,benefitName";

interface Meter {
  name: string;
  category: string;
  sub: string;
  product: string;
  service: string;
  unit: string;
  price: number;
  publisherType: "Azure" | "Marketplace";
  publisher: string;
  family: string;
  /** Which resource pool the meter bills against. */
  pool: "ai" | "marketplace" | "other";
  /** Largest quantity one row carries (in `unit`). */
  qtyMax: number;
}

const ai = (name: string, price: number, sub = "Azure OpenAI", unit = "1K", qtyMax = 2000): Meter => ({
  name,
  category: "Cognitive Services",
  sub,
  product: `Azure OpenAI - ${name}`,
  service: "Microsoft.CognitiveServices",
  unit,
  price,
  publisherType: "Azure",
  publisher: "Microsoft",
  family: "AI + Machine Learning",
  pool: "ai",
  qtyMax,
});
const mp = (model: string, name: string, price: number): Meter => ({
  name,
  category: "SaaS",
  sub: model,
  product: `${model} - ${name}`,
  service: "SaaS",
  unit: "1K",
  price,
  publisherType: "Marketplace",
  publisher: model.split(" ")[0],
  family: "SaaS",
  pool: "marketplace",
  qtyMax: 1000,
});
const other = (name: string, category: string, sub: string, service: string, unit: string, price: number): Meter => ({
  name,
  category,
  sub,
  product: `${category} ${sub} - ${name}`,
  service,
  unit,
  price,
  publisherType: "Azure",
  publisher: "Microsoft",
  family: category === "Virtual Machines" ? "Compute" : "Storage",
  pool: "other",
  qtyMax: unit === "1 Hour" ? 24 : 20,
});

// AI meter names from test/fixtures/reference/meters (real export spellings).
const METERS: Meter[] = [
  ai("gpt 4o 0513 Input global Tokens", 0.0025),
  ai("gpt 4o 0513 Output global Tokens", 0.01),
  ai("gpt-4o-mini-0718-Inp-glbl Tokens", 0.00015),
  ai("gpt-4o-mini-0718-Outp-glbl Tokens", 0.0006),
  ai("gpt 4.1 Inp glbl Tokens", 0.002),
  ai("gpt 4.1 Outp glbl Tokens", 0.008),
  ai("gpt 4.1 mini Inp glbl Tokens", 0.0004),
  ai("gpt 4.1 mini Outp glbl Tokens", 0.0016),
  ai("R1 Inp glbl Tokens", 0.00135, "Azure AI Foundry Models"),
  ai("R1 Outp glbl Tokens", 0.0054, "Azure AI Foundry Models"),
  ai("GPT 5 outpt Glbl 1M Tokens", 10, "Azure OpenAI", "1M", 2),
  ai("Provisioned Managed Global", 1, "Azure OpenAI", "1 Hour", 24),
  mp("Mistral Large 2411", "paygo-inference-input-tokens", 0.002),
  mp("Mistral Large 2411", "paygo-inference-output-tokens", 0.006),
  mp("Cohere Command R", "paygo-inference-input-tokens", 0.00015),
  mp("Meta Llama 3.1 405B", "paygo-inference-output-tokens", 0.016),
  other("Analytics Logs Data Ingestion", "Log Analytics", "", "Microsoft.OperationalInsights", "1 GB", 2.3),
  other("Hot LRS Data Stored", "Storage", "Tiered Block Blob", "Microsoft.Storage", "1 GB/Month", 0.0184),
  other("GRS List and Create Container Operations", "Storage", "Tiered Block Blob", "Microsoft.Storage", "10K", 0.1),
  other("D2 v2/DS2 v2", "Virtual Machines", "Dv2/DSv2 Series", "Microsoft.Compute", "1 Hour", 0.146),
  other("B2s", "Virtual Machines", "BS Series", "Microsoft.Compute", "1 Hour", 0.0416),
  other("Standard Data Processed", "Bandwidth", "Inter-Region", "Microsoft.Network", "1 GB", 0.02),
];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join("");
const guid = (r: () => number) => `${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`;
const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export interface GenerateOptions {
  out: string;
  rows: number;
  /** First usage day (UTC, YYYY-MM-DD); rows spread over `days` days from it. */
  start: string;
  days: number;
}

export async function generateExport(o: GenerateOptions): Promise<void> {
  const r = rng(42);
  const subs = Array.from({ length: 4 }, () => guid(r));
  const resources = (pool: Meter["pool"], n: number) =>
    Array.from({ length: n }, (_, i) => {
      const sub = subs[i % subs.length];
      const rg = pool === "other" ? `rg-app-${i % 12}` : `rg-ai-${i % 5}`;
      const name = pool === "ai" ? `ai-svc-${i}` : pool === "marketplace" ? guid(r) : `res${hex(r, 10)}`;
      const provider =
        pool === "ai"
          ? "Microsoft.CognitiveServices/accounts"
          : pool === "marketplace"
            ? "Microsoft.SaaS/resources"
            : "Microsoft.Compute/virtualMachines";
      return { sub, rg, name, id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/${provider}/${name}` };
    });
  const pools = { ai: resources("ai", 30), marketplace: resources("marketplace", 12), other: resources("other", 150) };
  const startMs = Date.parse(`${o.start}T00:00:00Z`);
  await mkdir(dirname(o.out), { recursive: true });
  const ws = createWriteStream(o.out, { highWaterMark: 1 << 20 });
  const write = (s: string) => (ws.write(s) ? Promise.resolve() : new Promise<void>((res) => ws.once("drain", () => res())));
  await write("\ufeff" + HEADER + "\n");
  let batch = "";
  for (let i = 0; i < o.rows; i++) {
    const d = new Date(startMs + Math.floor(r() * o.days) * 86_400_000);
    const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
    const date = `${mm}/${String(d.getUTCDate()).padStart(2, "0")}/${d.getUTCFullYear()}`;
    const m = METERS[Math.floor(r() * METERS.length)];
    const pool = pools[m.pool];
    let res = pool[Math.floor(r() * pool.length)];
    if (m.pool === "marketplace") {
      // Marketplace models show up as "[model-name]-[GUID]", the GUID naming one AI Services resource.
      const name = `${m.sub.toLowerCase().replaceAll(" ", "-")}-${res.name}`;
      res = { ...res, name, id: res.id.replace(/[^/]+$/, name) };
    }
    const qty = (r() * m.qtyMax).toFixed(6);
    const cost = (Number(qty) * m.price * (0.5 + r())).toFixed(10);
    const info = m.pool === "ai" ? `{"DeploymentName":"dep-${res.name}","Model":"${m.name}"}` : "";
    const tags = `"env": "prod","team": "${res.rg}","costcenter": "cc-${res.rg.length}"`;
    batch +=
      [
        "8611537",
        "Contoso EA",
        `${mm}/01/${d.getUTCFullYear()}`,
        `${mm}/28/${d.getUTCFullYear()}`,
        "8611537",
        "Contoso EA",
        "owner@contoso.example",
        "AI Platform",
        res.sub,
        "Contoso AI Prod",
        date,
        q(m.product),
        "AAH-12345",
        "00000000-aaaa-bbbb-cccc-000000000000",
        m.family,
        m.category,
        q(m.sub),
        "US East",
        q(m.name),
        qty,
        m.price.toString(),
        cost,
        m.price.toString(),
        "USD",
        "eastus",
        "",
        m.service,
        res.id,
        res.name,
        "",
        "",
        q(info),
        q(tags),
        "12345",
        "AI",
        "cc-1",
        m.unit,
        res.rg,
        "",
        "",
        "",
        "",
        "MS-AZR-0017P",
        m.pool === "marketplace" ? "False" : "True",
        "",
        m.publisher,
        "",
        "Usage",
        "UsageBased",
        m.publisherType,
        m.price.toString(),
        "OnDemand",
        "",
        "",
        "",
      ].join(",") + "\n";
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = "";
    }
  }
  await write(batch);
  await new Promise<void>((res, rej) => ws.end((err?: Error | null) => (err ? rej(err) : res())));
}
