// Adapts the process's pino logger to the Logger interface bolt and its WebClient expect.
// Only logging glue: must not import the bot, cost code or other adapter modules.
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../log.js";

const toPino: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: "debug",
  [LogLevel.INFO]: "info",
  [LogLevel.WARN]: "warn",
  [LogLevel.ERROR]: "error",
};

/** bolt logs free-form strings; they go to pino as `msg` under component "slack". */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "slack" });
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : String(p))).join(" ");
  return {
    debug: (...m: unknown[]) => log.debug(text(m)),
    info: (...m: unknown[]) => log.info(text(m)),
    warn: (...m: unknown[]) => log.warn(text(m)),
    error: (...m: unknown[]) => log.error(text(m)),
    setLevel: () => {
      // pino's level is set once for the process (LOG_LEVEL); bolt must not change it.
    },
    getLevel: () => {
      const found = (Object.keys(toPino) as LogLevel[]).find((k) => toPino[k] === log.level);
      return found ?? LogLevel.INFO;
    },
    setName: () => {},
  };
}
