// How proactive messages leave costbot: one Notifier per platform, chosen by the target's platform.
// Platform code lives in the adapters (src/adapters/*/notify.ts); this file only names the seam.
// Generic over what it posts (`R`): the schedule layer carries reports without knowing any feature;
// the composition root (src/main) builds notifiers for every report (src/server/render.ts AnyReport).
import type { Platform, Target } from "../store/types.js";

/**
 * Sends one report of type `R` to one target. Throws NotifyError: `transient` for what a retry may fix
 * (429 after its wait, 5xx, timeouts), `permanent` for what it will not (channel removed, token
 * revoked: the target gets disabled with `reason`).
 */
export interface Notifier<R> {
  /**
   * Resolves (with the platform's message id when it gives one) once the platform accepted the
   * message. A notifier with `marksSending` calls `hooks.beforePost` right before the platform call
   * and sends nothing when it answers false.
   */
  send(target: Target, report: R, hooks?: SendHooks): Promise<string | void>;
  /**
   * True when `send` calls `hooks.beforePost` itself, after its own preparation (rendering, tokens),
   * so a send is marked as begun as late as possible; otherwise the caller marks it before `send`.
   */
  readonly marksSending?: boolean;
  /**
   * Optional: whether `report` already reached `target` since `since` (looked up on the platform).
   * Asked before resending a delivery whose holder died between claim and outcome; undefined
   * when the platform cannot tell, and then the report is sent again.
   */
  alreadySent?(target: Target, report: R, since: Date): Promise<boolean | undefined>;
}

interface SendHooks {
  /** Records that the send begins; false when this instance no longer holds the delivery (do not send). */
  beforePost(): Promise<boolean>;
}

export type Notifiers<R> = Partial<Record<Platform, Notifier<R>>>;

export class NotifyError extends Error {
  constructor(
    message: string,
    readonly kind: "transient" | "permanent",
    /** For permanent failures: why the target should stop receiving (e.g. "channel_not_found"). */
    readonly reason?: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.name = "NotifyError";
    this.retryAfterMs = options?.retryAfterMs;
  }
  /** For transient failures: how long the platform asked us to wait (429 Retry-After). */
  readonly retryAfterMs?: number;
}
