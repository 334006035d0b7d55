// GET /healthz: checks the store on every call (503 naming it when it does not answer, so a load
// balancer stops routing here) and reports how the cost source's last query went (200 either way:
// help and cached answers still work). Knows no platform.
import type { CostSource } from "../cost/types.js";
import type { Store } from "../store/types.js";
import { sendJson, type RouteHandler } from "../base/router.js";

/** A store that has not answered within this long counts as down. */
const STORE_TIMEOUT_MS = 3000;
/** Errors that say the question was wrong, not that the source is unwell. */
const ASKER_ERRORS = new Set(["BAD_INPUT", "NOT_FOUND"]);

export interface SourceHealth {
  name: string;
  /** null until the source has been asked once. */
  ok: boolean | null;
  lastSuccessAt?: string;
  lastFailure?: { at: string; message: string; code?: string };
}

/**
 * Records the outcome of every query `source` answers from now on (it wraps `query` in place, so
 * the bot, digests and budget checks all count) and returns a reader of the latest state.
 */
export function watchSource(source: CostSource, clock: () => Date = () => new Date()): () => SourceHealth {
  const state: SourceHealth = { name: source.name, ok: null };
  const query = source.query.bind(source);
  const watched: CostSource["query"] = async (q) => {
    try {
      const result = await query(q);
      state.ok = true;
      state.lastSuccessAt = clock().toISOString();
      return result;
    } catch (err) {
      const e = err as { code?: unknown; message?: unknown };
      if (!(typeof e?.code === "string" && ASKER_ERRORS.has(e.code))) {
        state.ok = false;
        const message = String(e?.message ?? err).split("\n")[0].slice(0, 300);
        state.lastFailure = { at: clock().toISOString(), message, ...(typeof e?.code === "string" ? { code: e.code } : {}) };
      }
      throw err;
    }
  };
  try {
    source.query = watched;
  } catch {
    // A frozen source cannot be watched; its health then stays "not known" (ok: null).
  }
  return () => ({ ...state });
}

async function storeHealth(store: Store): Promise<{ ok: boolean; dialect: string; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${STORE_TIMEOUT_MS / 1000} s`)), STORE_TIMEOUT_MS);
  });
  try {
    // A primary-key read of a target that never exists: cheap on both databases.
    await Promise.race([store.getTarget("healthz-probe"), late]);
    return { ok: true, dialect: store.dialect };
  } catch (err) {
    return { ok: false, dialect: store.dialect, error: String((err as Error)?.message ?? err).split("\n")[0].slice(0, 300) };
  } finally {
    clearTimeout(timer);
  }
}

export function createHealthRoute(deps: { store?: Store; source: () => SourceHealth }): RouteHandler {
  return async (_req, res) => {
    const source = deps.source();
    const store = deps.store ? await storeHealth(deps.store) : null;
    const down = [...(store && !store.ok ? ["store"] : []), ...(source.ok === false ? ["source"] : [])];
    sendJson(res, store && !store.ok ? 503 : 200, { ok: down.length === 0, down, store, source });
  };
}
