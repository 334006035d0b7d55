// Health of a cost source, recorded by a wrapper put around it where it is built: how its last
// query went (what /healthz reports). Questions the source calls bad do not count against it.
// Must not import platform SDKs.
import type { CostSource } from "../types.js";
import { extend } from "./cached.js";

/** Errors that say the question was wrong, not that the source is unwell. */
const ASKER_ERRORS = new Set(["BAD_INPUT", "NOT_FOUND"]);

export interface SourceHealth {
  name: string;
  /** null until the source has been asked once (or when it is not watched). */
  ok: boolean | null;
  lastSuccessAt?: string;
  lastFailure?: { at: string; message: string; code?: string };
}

export interface Watched {
  health(): SourceHealth;
}

/** `source`, recording the outcome of every query it answers; other methods pass through. */
export function watchedSource<S extends CostSource>(source: S, clock: () => Date = () => new Date()): S & Watched {
  const state: SourceHealth = { name: source.name, ok: null };
  return extend(source, {
    health: () => ({ ...state }),
    async query(q: Parameters<CostSource["query"]>[0]) {
      try {
        const result = await source.query(q);
        state.ok = true;
        state.lastSuccessAt = clock().toISOString();
        return result;
      } catch (err) {
        const e = err as { code?: unknown; message?: unknown };
        if (!(typeof e?.code === "string" && ASKER_ERRORS.has(e.code))) {
          state.ok = false;
          const message = String(e?.message ?? err)
            .split("\n")[0]
            .slice(0, 300);
          state.lastFailure = { at: clock().toISOString(), message, ...(typeof e?.code === "string" ? { code: e.code } : {}) };
        }
        throw err;
      }
    },
  }) as S & Watched;
}

/** The health a (possibly wrapped) source records, or "not known" for one that is not watched. */
export function healthOf(source: CostSource): SourceHealth {
  const watched = source as Partial<Watched>;
  return typeof watched.health === "function" ? watched.health() : { name: source.name, ok: null };
}
