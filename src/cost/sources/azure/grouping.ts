// What the canonical query groups by, and how to shrink that when Azure rejects a grouping
// (EA and MCA accounts offer different dimensions; some scopes cap how many). Pure; no SDK imports.

/** Everything classification can use; Azure answers each as one column. */
export const FULL_GROUPING = [
  "ResourceId",
  "ResourceGroupName",
  "Meter",
  "MeterCategory",
  "MeterSubcategory",
  "ServiceName",
  "PublisherType",
  "ConsumedService",
  "UnitOfMeasure",
  "Product",
] as const;

/** Smaller groupings to try, in order, when Azure rejects one without naming the dimension. */
const FALLBACKS: string[][] = [["ResourceId", "Meter", "PublisherType", "UnitOfMeasure"], ["ResourceId", "Meter"], ["Meter"], []];

/** What an answer lacks without each dimension; null when another column stands in for it. */
const LOST: Record<string, string | null> = {
  ResourceId: "resource names (Marketplace models are named from them)",
  ResourceGroupName: null,
  Meter: "meter names (so costs cannot be split by model or input/output)",
  MeterCategory: "meter categories",
  MeterSubcategory: "meter subcategories",
  ServiceName: "service names",
  PublisherType: "publisher type (Marketplace is then recognised from service and meter names only)",
  // EA has ConsumedService and no UnitOfMeasure/Product, MCA the reverse: ServiceName stands in.
  ConsumedService: null,
  UnitOfMeasure: "units of measure (token counts then rely on meter names and may be off)",
  Product: "product names",
};

/**
 * The dimensions Azure's 400 message rejects among `requested`: the one it names, plus every
 * requested one missing from its "valid values" list. Empty when the message names none.
 */
export function rejectedDimensions(message: string, requested: readonly string[]): string[] {
  const named = /invalid dataset grouping:\s*'([^']*)'/i.exec(message)?.[1];
  const validPart = /valid values:\s*(.*)$/is.exec(message)?.[1];
  const valid = validPart ? new Set([...validPart.matchAll(/'([^']*)'/g)].map((m) => m[1].toLowerCase())) : undefined;
  return requested.filter(
    (d) => (named !== undefined && d.toLowerCase() === named.toLowerCase()) || (valid !== undefined && valid.size > 1 && !valid.has(d.toLowerCase())),
  );
}

/** The next smaller grouping to try after `current` was rejected for a reason naming no dimension. */
export function smallerGrouping(current: readonly string[]): string[] | undefined {
  return FALLBACKS.find((g) => g.length < current.length && g.every((d) => current.includes(d))) ?? FALLBACKS.find((g) => g.length < current.length);
}

/** A warning naming what dropping `dropped` costs the user, or null when nothing visible is lost. */
export function lossWarning(scope: string, dropped: readonly string[], kept: readonly string[], reason: string): string | null {
  const losses = dropped
    .map((d) => (d === "ConsumedService" && !kept.includes("ServiceName") ? LOST.ServiceName : LOST[d]))
    .filter((l): l is string => Boolean(l));
  if (losses.length === 0) return null;
  return `Azure Cost Management would not group ${scope} by ${dropped.join(", ")} (${reason}); these answers lack ${losses.join("; ")}.`;
}

/** True when Azure's 400 is about the UsageQuantity aggregation rather than the grouping. */
export function rejectsQuantity(message: string): boolean {
  return /aggregation/i.test(message) && /usagequantity/i.test(message);
}
