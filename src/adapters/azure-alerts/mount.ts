// POST /alerts/azure?token=...: Azure budget alerts from an action group webhook, turned into cards
// in every channel that said `alerts here`. Token checked in constant time; each alert delivered
// once per channel (key azure-alert:<id>:<threshold>:<target>); nothing dropped silently.
import { createHash, timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import { toMoneyNumber } from "../../cost/money.js";
import { deliver, type DeliverResult } from "../../schedule/deliver.js";
import type { Mount } from "../../server/app.js";
import { readBody, sendJson } from "../../base/router.js";
import type { Store, Target } from "../../store/types.js";
import { azureAlertCard } from "./card.js";
import { parseAzureBudgetAlert, type AzureBudgetAlert } from "./parse.js";

const AZURE_ALERTS_PATH = "/alerts/azure";
/** A claim older than this with no outcome belonged to a process that died; Azure's retry may take it over. */
const ABANDONED_MS = 5 * 60_000;

export interface AzureAlertsMountOptions {
  clock?: () => Date;
  /** Waits between send attempts (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
}

export function createAzureAlertsMount(opts: AzureAlertsMountOptions = {}): Mount {
  const clock = opts.clock ?? (() => new Date());
  return (router, { config, logger, store, notifiers = {} }) => {
    const token = config.alertWebhookToken;
    router.route("POST", AZURE_ALERTS_PATH, async (req, res) => {
      if (!token) {
        return sendJson(res, 503, {
          error: "Azure alerts are off: set ALERT_WEBHOOK_TOKEN and point the action group webhook at /alerts/azure?token=<that value>.",
        });
      }
      const given = new URL(req.url ?? "/", "http://localhost").searchParams.get("token") ?? "";
      if (!sameSecret(given, token)) {
        logger.warn({ remote: req.socket.remoteAddress }, "azure alert webhook: missing or wrong token");
        return sendJson(res, 401, { error: "Missing or wrong token." });
      }
      let raw: string;
      try {
        raw = await readBody(req, 256_000);
      } catch (err) {
        return sendJson(res, (err as { status?: number }).status ?? 400, { error: (err as Error).message });
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        logger.warn({ body: raw }, "azure alert webhook: body is not JSON");
        return sendJson(res, 400, { error: "The body is not JSON." });
      }
      const parsed = parseAzureBudgetAlert(body, clock());
      if (!parsed.ok) {
        logger.warn({ body, problem: parsed.problem }, "azure alert webhook: not a budget alert it can read");
        return sendJson(res, 400, { error: `Not an Azure budget alert: ${parsed.problem}.` });
      }
      if (!store) {
        logger.error({ alert: loggable(parsed.alert) }, "azure alert received but the server has no store; not delivered");
        return sendJson(res, 503, { error: "costbot has no store configured; the alert was not delivered." });
      }
      await route(parsed.alert, res, { store, notifiers, logger, sleep: opts.sleep });
    });
    return {
      describe: token
        ? `Azure budget alerts: POST ${AZURE_ALERTS_PATH}?token=... (ALERT_WEBHOOK_TOKEN)`
        : `Azure budget alerts: POST ${AZURE_ALERTS_PATH} refuses (503) until ALERT_WEBHOOK_TOKEN is set`,
    };
  };
}

export const mountAzureAlerts: Mount = createAzureAlertsMount();

type RouteDeps = Parameters<typeof deliver>[3];

/**
 * Delivers to every routed channel. 202 when each was sent now or before; 503 when a send failed,
 * so Azure retries and the retry resends only what failed. With no route the alert is recorded in
 * the delivery log as skipped (not routed), logged, and answered 202 saying so.
 */
async function route(alert: AzureBudgetAlert, res: ServerResponse, deps: RouteDeps & { store: Store }) {
  const { store, logger } = deps;
  const base = `azure-alert:${alert.id}:${alert.thresholdPercent}`;
  const targets = await routedTargets(store, alert.scope);
  if (targets.length === 0) {
    const fresh = await store.deliveries.claim(base);
    if (fresh)
      await store.deliveries.complete(base, "skipped", {
        detail: `not routed: no channel has "alerts here" (${alert.budgetName}, ${alert.thresholdType} ${alert.thresholdPercent}%)`,
      });
    logger.warn({ key: base, alert: loggable(alert) }, "azure budget alert not routed: no channel has alerts here");
    return sendJson(res, 202, {
      status: fresh ? "not-routed" : "duplicate",
      key: base,
      message: 'No channel has said "alerts here"; the alert is kept in the delivery log as skipped.',
    });
  }
  const card = azureAlertCard(alert);
  const results: Array<{ target: string; key: string; result: DeliverResult }> = [];
  for (const target of targets) {
    const key = `${base}:${target.id}`;
    const claimed = (await store.deliveries.claim(key, { targetId: target.id })) || (await takeOver(store, key));
    results.push({
      target: target.id,
      key,
      result: claimed ? await deliver(key, target, card, { ...deps, attempts: 2 }, { alreadyClaimed: true }) : "duplicate",
    });
  }
  const failed = results.filter((r) => r.result === "failed");
  const status = failed.length ? "partly-failed" : results.every((r) => r.result === "duplicate") ? "duplicate" : "delivered";
  logger.info({ key: base, results }, "azure budget alert");
  if (failed.length) res.setHeader("retry-after", "60");
  sendJson(res, failed.length ? 503 : 202, { status, deliveries: results });
}

/** Azure's retry of an alert whose send failed (or whose sender died) takes the key over. */
async function takeOver(store: Store, key: string): Promise<boolean> {
  const d = await store.deliveries.get(key);
  if (!d || d.status === "sent" || d.status === "skipped") return false;
  return store.deliveries.reclaim(key, { olderThanMs: d.status === "claimed" ? ABANDONED_MS : 0 });
}

async function routedTargets(store: Store, scope: string): Promise<Target[]> {
  const s = scope.toLowerCase();
  const ids = (await store.listAlertRoutes())
    .filter(
      (r) => r.scope === "*" || s === r.scope.toLowerCase().replace(/\/+$/, "") || s.startsWith(r.scope.toLowerCase().replace(/\/+$/, "") + "/"),
    )
    .map((r) => r.targetId);
  const targets = await Promise.all([...new Set(ids)].map((id) => store.getTarget(id)));
  return targets.filter((t): t is Target => Boolean(t && !t.disabled));
}

/** Constant-time comparison of two secrets of any length (hashes first, so lengths leak nothing). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

/** The alert with amounts as decimal text: JSON (and pino) cannot write bigint. */
function loggable(a: AzureBudgetAlert): Record<string, unknown> {
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === "bigint" ? toMoneyNumber(v) : v]));
}
