// `by deployment`: each model's billed cost split across its deployments by their share of tokens
// in the usage metrics (ModelDeploymentName), labelled as an allocation, with deployment type and
// model version from the deployments list. Rows add up to each model's row exactly.
import { splitCents } from "../cost/metrics/allocate.js";
import type { MetricsSource, UsageRow } from "../cost/metrics/types.js";
import type { SpendGroup, SpendReport } from "./report.js";

const ALLOCATION_NOTE =
  "By deployment is an allocation: each model's billed cost is split across its deployments by their share of tokens in Azure Monitor metrics.";

export async function withDeployments(report: SpendReport, metrics: MetricsSource): Promise<SpendReport> {
  const m = await metrics.usage({ from: report.range.from, to: report.range.to });
  const info = new Map(m.deployments.map((d) => [`${d.account}|${d.name}`, d]));
  const byModel = new Map<string, Map<string, UsageRow>>();
  for (const u of m.usage) {
    const k = `${u.account}|${u.deployment}`;
    const rows = byModel.get(u.model) ?? new Map<string, UsageRow>();
    const t = rows.get(k) ?? { ...u, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };
    t.inputTokens += u.inputTokens;
    t.cachedInputTokens += u.cachedInputTokens;
    t.outputTokens += u.outputTokens;
    rows.set(k, t);
    byModel.set(u.model, rows);
  }
  // A deployment name used in two accounts is shown with its account.
  const names = new Map<string, number>();
  for (const rows of byModel.values()) for (const u of rows.values()) names.set(u.deployment, (names.get(u.deployment) ?? 0) + 1);
  const groups: SpendGroup[] = [];
  const unallocated: string[] = [];
  for (const g of report.groups) {
    const deployments = [...(byModel.get(g.key)?.values() ?? [])].filter((u) => u.inputTokens + u.outputTokens > 0);
    if (deployments.length === 0) {
      unallocated.push(g.key);
      groups.push({ ...g, key: `${g.key} (no deployment metrics)`, model: g.key, allocated: false });
      continue;
    }
    const cents = splitCents(
      BigInt(Math.round(g.cost * 100)),
      deployments.map((u) => BigInt(Math.round(u.inputTokens + u.outputTokens))),
    );
    deployments.forEach((u, i) => {
      const d = info.get(`${u.account}|${u.deployment}`);
      const account = u.account.split("/").pop() ?? u.account;
      groups.push({
        key: (names.get(u.deployment) ?? 0) > 1 ? `${account}/${u.deployment}` : u.deployment,
        ...(g.channel ? { channel: g.channel } : {}),
        cost: Number(cents[i]) / 100,
        inputTokens: u.inputTokens - u.cachedInputTokens,
        outputTokens: u.outputTokens,
        cachedInputTokens: u.cachedInputTokens,
        hourly: g.hourly,
        model: g.key,
        account,
        deploymentType: d?.type ?? "unknown",
        modelVersion: d?.modelVersion ?? "",
        allocated: true,
      });
    });
  }
  groups.sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));
  const warnings = [ALLOCATION_NOTE, ...report.warnings, ...m.warnings];
  if (unallocated.length) warnings.push(`No deployment metrics for ${unallocated.join(", ")}: shown whole, not allocated.`);
  return { ...report, groups, warnings };
}
