// One structured logger (pino) for the process; secrets are redacted by key name. Its level comes
// from config (LOG_LEVEL); this module reads no environment.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string = "info"): Logger {
  return pino({
    level,
    redact: {
      paths: ["*.token", "*.password", "*.secret", "*.authorization", "headers.authorization", "*.botToken", "*.appPassword", "*.signingSecret"],
      censor: "[redacted]",
    },
  });
}

/** A logger that drops everything; tests pass it when they don't look at logs. */
export const silentLogger: Logger = pino({ level: "silent" });
