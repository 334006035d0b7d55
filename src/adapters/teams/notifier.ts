// The scheduler's Teams notifier: createTeamsNotifier's proactive sends by stored conversation
// reference, with Bot Connector failures sorted into permanent (403/404) and transient (429/5xx).
import type { ConversationStore } from "./conversation-store.js";
import { createTeamsNotifier, type TeamsNotifierDeps } from "./notify.js";
import { isCostbotError } from "../../base/errors.js";
import { NotifyError, type Notifier } from "../../schedule/notifier.js";
import type { AnyReport } from "../../server/render.js";

export type TeamsSchedulerNotifierDeps = TeamsNotifierDeps & { conversations: ConversationStore };

export function createTeamsSchedulerNotifier(deps: TeamsSchedulerNotifierDeps): Notifier<AnyReport> {
  const inner = createTeamsNotifier(deps);
  return {
    // The send is marked as begun inside the turn, after the token and the card are ready.
    marksSending: true,
    async send(target, report, hooks) {
      try {
        return await inner.send(target.address, report, hooks?.beforePost);
      } catch (err) {
        throw toTeamsNotifyError(err, target.address);
      }
    },
  };
}

/** Bot Connector refusals: the bot was removed (403) or the conversation is gone (404) stop the target. */
export function toTeamsNotifyError(err: unknown, conversationId: string): NotifyError {
  const e = err as {
    name?: string;
    code?: string;
    statusCode?: number;
    message?: string;
    response?: { status?: number; headers?: { get?(name: string): string | undefined } | Record<string, string> };
  };
  if (isCostbotError(err) && err.code === "NOT_FOUND") {
    return new NotifyError(err.message, "permanent", "conversation_not_found", { cause: err });
  }
  const status = e?.statusCode ?? e?.response?.status;
  const what = `Teams send to ${conversationId} failed${status ? ` (HTTP ${status})` : ""}: ${e?.message ?? String(err)}`;
  if (status === 403 || status === 404) {
    return new NotifyError(what, "permanent", status === 403 ? "bot_removed_or_forbidden" : "conversation_not_found", { cause: err });
  }
  const headers = e?.response?.headers;
  const raw = typeof headers?.get === "function" ? headers.get("retry-after") : (headers as Record<string, string> | undefined)?.["retry-after"];
  const seconds = raw !== undefined ? Number(raw) : NaN;
  return new NotifyError(what, "transient", undefined, { cause: err, ...(Number.isFinite(seconds) ? { retryAfterMs: seconds * 1000 } : {}) });
}
