// Slack request signing (v0 HMAC-SHA256 over "v0:{timestamp}:{raw body}") and its 5-minute window.
// Pure node:crypto plus bolt's own verifier; must not touch the bot, the router or any cost code.
import { createHmac } from "node:crypto";
import { isValidSlackRequest } from "@slack/bolt";

/** Slack refuses replays older than this; we refuse clocks this far off in either direction. */
const SIGNATURE_WINDOW_SECONDS = 300;

/** The `X-Slack-Signature` value Slack would send for this body at `timestampSec`. */
export function slackSignature(signingSecret: string, timestampSec: number | string, body: string): string {
  return "v0=" + createHmac("sha256", signingSecret).update(`v0:${timestampSec}:${body}`).digest("hex");
}

/** Headers a signed request from Slack carries (what tests and the benchmark send). */
export function signedHeaders(signingSecret: string, body: string, nowMs = Date.now()): Record<string, string> {
  const ts = Math.floor(nowMs / 1000);
  return {
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": slackSignature(signingSecret, ts, body),
  };
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/**
 * Checks a request's signature and freshness. `headers` are node's lower-cased request headers.
 * The reason is for logs only (never echoed to the caller: Slack wants an empty 401).
 */
export function verifySignature(
  signingSecret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  nowMs = Date.now(),
): VerifyResult {
  const signature = headers["x-slack-signature"];
  const timestamp = headers["x-slack-request-timestamp"];
  if (typeof signature !== "string" || !signature) return { ok: false, reason: "missing X-Slack-Signature" };
  if (typeof timestamp !== "string" || !/^\d+$/.test(timestamp)) {
    return { ok: false, reason: "missing or malformed X-Slack-Request-Timestamp" };
  }
  const ts = Number(timestamp);
  // bolt only rejects stale timestamps; a timestamp far in the future is just as suspect.
  if (Math.abs(Math.floor(nowMs / 1000) - ts) > SIGNATURE_WINDOW_SECONDS) {
    return { ok: false, reason: "timestamp outside the 5-minute window" };
  }
  const valid = isValidSlackRequest({
    signingSecret,
    body: rawBody,
    headers: { "x-slack-signature": signature, "x-slack-request-timestamp": ts },
    nowMilliseconds: nowMs,
  });
  return valid ? { ok: true } : { ok: false, reason: "signature mismatch" };
}
