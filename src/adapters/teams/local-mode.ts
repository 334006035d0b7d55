// The unauthenticated Teams mode (no MicrosoftAppId) is for loopback development only: callers on
// this machine, JSON bodies (a web page cannot send those cross-origin without a preflight we never
// answer), and replies only to loopback serviceUrls (no server-side request forgery). No botbuilder.
import type { IncomingMessage } from "node:http";
import { isLoopbackAddress, isLoopbackHostname } from "../../base/loopback.js";

export interface Refusal {
  status: number;
  error: string;
}

/** Checks made before the body is read: who is calling and what they send. */
export function refuseLocalRequest(req: IncomingMessage): Refusal | null {
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    return { status: 403, error: "Teams local mode (no MicrosoftAppId) only answers callers on this machine." };
  }
  const type = String(req.headers["content-type"] ?? "");
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { status: 415, error: "Send the activity as application/json." };
  }
  return null;
}

/** Replies go to the activity's serviceUrl: in local mode only one on this machine. */
export function refuseServiceUrl(serviceUrl: unknown): Refusal | null {
  let url: URL | undefined;
  try {
    url = typeof serviceUrl === "string" ? new URL(serviceUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHostname(url.hostname)) return null;
  return {
    status: 403,
    error:
      "Teams local mode (no MicrosoftAppId) only replies to a loopback serviceUrl (localhost, 127.0.0.1, [::1]); set MicrosoftAppId to serve Teams.",
  };
}
