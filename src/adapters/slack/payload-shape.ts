// Which signed bodies costbot handles: a slash command, an Events API envelope, a block_actions press
// (and the URL check). Anything else that passes the signature is refused with 400 before bolt sees
// it, so a malformed payload never becomes a 500 or a 3-second wait. Pure; no bolt import.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string";

/** Null when the body is one costbot handles; otherwise why not (for the log, never for the caller). */
export function slackPayloadProblem(body: Obj): string | null {
  if (body.type === "url_verification") return isText(body.challenge) ? null : "url_verification without a challenge";
  if (body.type === "event_callback") {
    return isObj(body.event) && isText(body.event.type) ? null : "event_callback without an event object with a type";
  }
  if (body.type === "block_actions") {
    if (!isObj(body.user) || !isText(body.user.id)) return "block_actions without user.id";
    const actions = body.actions;
    if (!Array.isArray(actions) || actions.length === 0) return "block_actions without actions";
    return actions.every((a) => isObj(a) && isText(a.action_id)) ? null : "block_actions with an action lacking action_id";
  }
  if (body.command !== undefined) {
    // A repeated form field arrives as an array: not something Slack sends.
    if (!Object.values(body).every(isText)) return "slash command with a repeated or non-text field";
    if (!(body.command as string).startsWith("/")) return "slash command name without a slash";
    return isText(body.user_id) && isText(body.response_url) ? null : "slash command without user_id or response_url";
  }
  return `a payload costbot does not handle (type ${isText(body.type) ? JSON.stringify(body.type.slice(0, 40)) : "missing"})`;
}
