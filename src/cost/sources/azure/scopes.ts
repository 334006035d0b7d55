// Parses COSTBOT_SCOPES entries into Azure scopes Cost Management can query, and says what a user
// must know about each (single resources miss Marketplace costs). Pure; no Azure SDK imports.
import { CostbotError } from "../../../base/errors.js";

type ScopeKind =
  | "subscription"
  | "resource-group"
  | "resource"
  | "management-group"
  | "billing-account"
  | "billing-profile"
  | "invoice-section"
  | "department"
  | "enrollment-account";

export interface AzureScope {
  /** Normalised ARM id: leading slash, no trailing slash, as configured otherwise. */
  id: string;
  kind: ScopeKind;
  /** Scope whose query answers this one: the resource group for a single resource, else `id`. */
  queryId: string;
  /** For a single resource: rows are kept only when their ResourceId is this id (or below it). */
  resourceFilter?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PATTERNS: [ScopeKind, RegExp][] = [
  ["subscription", /^\/subscriptions\/[^/]+$/i],
  ["resource-group", /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i],
  ["resource", /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+\/.+$/i],
  ["management-group", /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i],
  ["billing-account", /^\/providers\/Microsoft\.Billing\/billingAccounts\/[^/]+$/i],
  ["billing-profile", /^\/providers\/Microsoft\.Billing\/billingAccounts\/[^/]+\/billingProfiles\/[^/]+$/i],
  ["invoice-section", /^\/providers\/Microsoft\.Billing\/billingAccounts\/[^/]+\/billingProfiles\/[^/]+\/invoiceSections\/[^/]+$/i],
  ["department", /^\/providers\/Microsoft\.Billing\/billingAccounts\/[^/]+\/departments\/[^/]+$/i],
  ["enrollment-account", /^\/providers\/Microsoft\.Billing\/billingAccounts\/[^/]+\/enrollmentAccounts\/[^/]+$/i],
];

/** Parses one configured scope; a bare subscription GUID means that subscription. */
export function parseScope(raw: string): AzureScope {
  let id = raw.trim().replace(/\/+$/, "");
  if (GUID.test(id)) id = `/subscriptions/${id}`;
  if (!id.startsWith("/")) id = `/${id}`;
  const kind = PATTERNS.find(([, re]) => re.test(id))?.[0];
  if (!kind) {
    throw new CostbotError(
      `"${raw}" is not an Azure scope costbot can read. Use a subscription (/subscriptions/<id>), a resource group ` +
        `(/subscriptions/<id>/resourceGroups/<name>), a management group or a billing account/profile.`,
      "CONFIG",
    );
  }
  if (kind !== "resource") return { id, kind, queryId: id };
  // Cost Management queries no single resource: read its group once and keep the resource's rows.
  const group = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+/i.exec(id)![0];
  return { id, kind, queryId: group, resourceFilter: id.toLowerCase() };
}

/** What a user should know about a configured scope, shown with every answer from it. */
export function scopeWarnings(scope: AzureScope): string[] {
  if (scope.kind !== "resource") return [];
  return [
    `${scope.id} is a single resource: Marketplace model costs are billed to its resource group ` +
      `(${scope.queryId}) and are missing from this scope. Configure the resource group instead.`,
  ];
}

/** true when `inner` lies inside `outer` by ARM path (a resource group inside its subscription, ...). */
function isInside(inner: AzureScope, outer: AzureScope): boolean {
  const i = inner.id.toLowerCase();
  const o = outer.id.toLowerCase();
  return i !== o && i.startsWith(o + "/");
}

/**
 * Parses every configured scope and drops those inside another configured one, which would count
 * their costs twice (management groups and billing scopes cannot be checked this way).
 */
export function planScopes(raw: string[]): { scopes: AzureScope[]; warnings: string[] } {
  const parsed = raw.map(parseScope);
  const seen = new Set<string>();
  const scopes: AzureScope[] = [];
  const warnings: string[] = [];
  for (const s of parsed) {
    const outer = parsed.find((o) => isInside(s, o));
    if (outer) {
      warnings.push(`${s.id} is inside ${outer.id}, which is also configured: it is counted once, as part of ${outer.id}.`);
    } else if (!seen.has(s.id.toLowerCase())) {
      seen.add(s.id.toLowerCase());
      scopes.push(s);
    }
  }
  if (scopes.length === 0) throw new CostbotError("No Azure scopes are configured (COSTBOT_SCOPES).", "CONFIG");
  return { scopes, warnings };
}
