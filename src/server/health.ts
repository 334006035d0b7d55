// GET /healthz: checks the store on every call (503 naming it when it does not answer, so a load
// balancer stops routing here) and reports how the cost source's last query went (200 either way:
// help and cached answers still work); the source records that itself (cost/sources/watched.ts).
// Knows no platform.
import type { SourceHealth } from "../cost/sources/watched.js";
import type { Store } from "../store/types.js";
import { sendJson, type RouteHandler } from "../base/router.js";

/** A store that has not answered within this long counts as down. */
const STORE_TIMEOUT_MS = 3000;

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
    return {
      ok: false,
      dialect: store.dialect,
      error: String((err as Error)?.message ?? err)
        .split("\n")[0]
        .slice(0, 300),
    };
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
