// Slack text safety: escape data for mrkdwn and keep every text object within Block Kit limits.
// Pure; must not import @slack/bolt or any SDK.

/**
 * Escapes the three characters Slack's mrkdwn treats as control characters, so `<!channel>`,
 * `<@U123>` or `<http://x|y>` arriving in data (model keys, warnings, errors) stays inert text.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts already-escaped mrkdwn to `max` characters without leaving half an `&amp;` behind. */
export function truncateMrkdwn(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  const cut = escaped.slice(0, max - 1).replace(/&[a-z]{0,3}$/, "");
  return cut + "…";
}

/** A mrkdwn text object from trusted markup around escaped data, capped at `max` (Slack: 3000). */
export function mrkdwn(text: string, max = 3000): { type: "mrkdwn"; text: string } {
  return { type: "mrkdwn", text: truncateMrkdwn(text, max) };
}

/** A plain_text object (Slack does not parse it): capped, never empty. */
export function plainText(text: string, max: number): { type: "plain_text"; text: string; emoji: true } {
  const t = text.length > max ? text.slice(0, max - 1) + "…" : text;
  return { type: "plain_text", text: t || " ", emoji: true };
}
