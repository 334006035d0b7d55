// Targets (where messages go) on either database, plus the Teams ConversationStore seam on top.
// One upsert statement per write, so concurrent adapters never race. No platform SDKs.
import { randomUUID } from "node:crypto";
import { CostbotError } from "../base/errors.js";
import { supportedLocale } from "../base/locale.js";
import type { SqlDriver } from "./driver.js";
import { toTarget } from "./rows.js";
import type { Store, Target, TeamsConversation } from "./types.js";
import { checkLocale, checkTimeZone } from "./validate.js";

type TargetMethods = Pick<
  Store,
  | "upsertTarget"
  | "getTarget"
  | "findTarget"
  | "listTargets"
  | "disableTarget"
  | "enableTarget"
  | "saveConversation"
  | "getConversation"
  | "listConversations"
>;

const PLATFORMS = ["slack", "teams", "web"];

function toConversation(t: Target): TeamsConversation {
  const c: TeamsConversation = {
    id: t.address,
    serviceUrl: t.meta.serviceUrl ?? "",
    reference: t.reference ?? {},
    updatedAt: t.updatedAt.toISOString(),
  };
  if (t.meta.tenantId !== undefined) c.tenantId = t.meta.tenantId;
  if (t.meta.conversationType !== undefined) c.conversationType = t.meta.conversationType;
  return c;
}

export function createTargetMethods(db: SqlDriver, clock: () => Date): TargetMethods {
  const now = () => clock().getTime();

  const methods: TargetMethods = {
    async upsertTarget(input) {
      if (!PLATFORMS.includes(input.platform)) throw new CostbotError(`unknown platform "${input.platform}"`, "BAD_INPUT");
      if (!input.address) throw new CostbotError("a target needs an address (channel or conversation id)", "BAD_INPUT");
      const tz = input.tz === undefined ? null : checkTimeZone(input.tz);
      const locale = input.locale === undefined ? null : checkLocale(input.locale);
      const reference = input.reference == null ? null : JSON.stringify(input.reference);
      const meta = input.meta === undefined ? null : JSON.stringify(input.meta);
      const t = now();
      // Omitted fields keep what is stored; any upsert re-enables (the place just proved reachable).
      const [row] = await db.all(
        `INSERT INTO targets (id, platform, address, reference, meta, tz, locale, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, address) DO UPDATE SET
           reference = COALESCE(excluded.reference, targets.reference),
           meta = COALESCE(?, targets.meta),
           tz = COALESCE(excluded.tz, targets.tz),
           locale = COALESCE(excluded.locale, targets.locale),
           disabled_reason = NULL, disabled_at = NULL, updated_at = excluded.updated_at
         RETURNING *`,
        [randomUUID(), input.platform, input.address, reference, meta ?? "{}", tz, locale, t, t, meta],
      );
      return toTarget(row);
    },

    async getTarget(id) {
      const [row] = await db.all("SELECT * FROM targets WHERE id = ?", [id]);
      return row && toTarget(row);
    },

    async findTarget(platform, address) {
      const [row] = await db.all("SELECT * FROM targets WHERE platform = ? AND address = ?", [platform, address]);
      return row && toTarget(row);
    },

    async listTargets(opts = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (opts.platform !== undefined) {
        where.push("platform = ?");
        params.push(opts.platform);
      }
      if (!opts.includeDisabled) where.push("disabled_reason IS NULL");
      const rows = await db.all(`SELECT * FROM targets${where.length ? " WHERE " + where.join(" AND ") : ""} ORDER BY created_at, id`, params);
      return rows.map(toTarget);
    },

    async disableTarget(id, reason) {
      const why = reason.trim() || "disabled";
      return (await db.run("UPDATE targets SET disabled_reason = ?, disabled_at = ?, updated_at = ? WHERE id = ?", [why, now(), now(), id])) === 1;
    },

    async enableTarget(id) {
      return (await db.run("UPDATE targets SET disabled_reason = NULL, disabled_at = NULL, updated_at = ? WHERE id = ?", [now(), id])) === 1;
    },

    async saveConversation(c) {
      const meta: Record<string, string> = { serviceUrl: c.serviceUrl };
      if (c.tenantId !== undefined) meta.tenantId = c.tenantId;
      if (c.conversationType !== undefined) meta.conversationType = c.conversationType;
      // The activity's locale rides in the reference: it is the conversation's date style (Target.locale).
      const locale = typeof c.reference.locale === "string" ? supportedLocale(c.reference.locale) : undefined;
      await methods.upsertTarget({ platform: "teams", address: c.id, reference: c.reference, meta, ...(locale ? { locale } : {}) });
    },

    async getConversation(id) {
      const t = await methods.findTarget("teams", id);
      return t && toConversation(t);
    },

    /** Enabled conversations only: a disabled one must not be sent to. */
    async listConversations() {
      return (await methods.listTargets({ platform: "teams" })).map(toConversation);
    },
  };
  return methods;
}
