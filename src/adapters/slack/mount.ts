// Mounts Slack on the shared server: POST /slack/events through our receiver, or Socket Mode with an app token.
// Wires bolt to the handlers; knows nothing about costs. Returns null when Slack is not configured.
import { App } from "@slack/bolt";
import { ConfigError } from "../../config.js";
import type { Mount } from "../../server/app.js";
import { registerActions } from "./actions.js";
import type { HandlerDeps } from "./answer.js";
import { boltLogger } from "./bolt-logger.js";
import { registerCommands } from "./commands.js";
import { createDedupe, createStoreDedupe, deliveryKey } from "./dedupe.js";
import { registerEvents } from "./events.js";
import { registerHome } from "./home.js";
import { createRouterReceiver } from "./receiver.js";
import { createTzLookup } from "./user-tz.js";

/** Where Slack posts slash commands, events and interactivity; the manifest points all three here. */
export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackMountOptions {
  /** Post "working on it…" when an answer takes longer than this (ms). */
  slowMs?: number;
  dedupeTtlMs?: number;
  /** Clock for signature checks (tests pin it). */
  nowMs?: () => number;
}

export function createSlackMount(opts: SlackMountOptions = {}): Mount {
  return async (router, deps) => {
    const { signingSecret, botToken, appToken, apiUrl } = deps.config.slack;
    if (!botToken || (!signingSecret && !appToken)) return null;
    const logger = boltLogger(deps.logger);
    const clientOptions = {
      ...(apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {}),
      // A chat reply retried for half an hour (the WebClient default) helps nobody.
      retryConfig: { retries: 2 },
    };
    const socketMode = Boolean(appToken);
    const receiver = socketMode ? undefined : createRouterReceiver({ signingSecret: signingSecret!, logger, nowMs: opts.nowMs });
    const app = new App({
      token: botToken,
      logger,
      clientOptions,
      deferInitialization: true,
      // No conversation state is used; skipping bolt's store saves work on every request.
      convoStore: false,
      ...(receiver
        ? { receiver }
        : {
            socketMode: true,
            appToken,
            // The socket client keeps its own (long) retries so a reconnect does not give up early.
            installerOptions: { clientOptions: { ...(clientOptions.slackApiUrl ? { slackApiUrl: clientOptions.slackApiUrl } : {}) } },
          }),
    });

    // In the store when the server has one: a retry landing on another instance is still a repeat.
    const dedupe = deps.store
      ? createStoreDedupe(deps.store.inbound, {
          ttlMs: opts.dedupeTtlMs,
          onFallback: (err) =>
            deps.logger.warn({ err: (err as Error).message }, "Slack de-duplication fell back to this process: the store is unreachable"),
        })
      : createDedupe(opts.dedupeTtlMs, opts.nowMs);
    app.use(async (args) => {
      const key = deliveryKey(args.body as Record<string, any>);
      if (key && !(await dedupe.firstTime(key))) {
        // A retry of something already handled: acknowledge (events are acked by bolt) and stop.
        // Logged before the ack, so the line is written by the time Slack (or a test) sees the answer.
        deps.logger.info({ key, retryNum: args.context.retryNum }, "ignored a repeated Slack delivery");
        const ack = (args as { ack?: () => Promise<void> }).ack;
        if (ack) await ack();
        return;
      }
      await args.next();
    });
    const handlerDeps: HandlerDeps = {
      bot: deps.bot,
      logger: deps.logger,
      slowMs: opts.slowMs ?? 1500,
      tzOf: createTzLookup(),
    };
    registerCommands(app, handlerDeps);
    registerEvents(app, handlerDeps);
    registerActions(app, handlerDeps);
    registerHome(app, handlerDeps);
    app.error(async (err) => {
      deps.logger.error({ err: { name: err.name, message: err.message, code: err.code } }, "Slack listener failed");
    });

    // auth.test: a wrong token or API URL fails here, at start, not on the first question.
    await app.init().catch((err: unknown) => {
      throw new ConfigError(startFailure(err, apiUrl));
    });
    if (receiver) router.route("POST", SLACK_EVENTS_PATH, receiver.handler);
    await app.start();
    return {
      describe: socketMode ? "Slack (Socket Mode)" : `Slack at POST ${SLACK_EVENTS_PATH}`,
      close: () => app.stop().then(() => undefined),
    };
  };
}

/** One line for a failed auth.test at start: Slack's refusal names the token, else the address. */
function startFailure(err: unknown, apiUrl: string | undefined): string {
  const e = ((err as { original?: unknown })?.original ?? err) as { data?: { error?: unknown }; message?: unknown };
  const refused = typeof e?.data?.error === "string" ? e.data.error : undefined;
  if (refused) {
    return `Slack refused SLACK_BOT_TOKEN at start (auth.test: ${refused}); set it to the app's Bot User OAuth Token (xoxb-...)`;
  }
  const why = String(e?.message ?? err)
    .split("\n")[0]
    .slice(0, 200);
  return `could not check SLACK_BOT_TOKEN with Slack at ${apiUrl ?? "https://slack.com/api/"} (auth.test): ${why}`;
}

/** The Slack mount with production timings. */
export const mountSlack: Mount = createSlackMount();
