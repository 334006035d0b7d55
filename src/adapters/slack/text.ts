// Turns Slack's message markup into the plain words the bot parses (and back out of the way).
// Pure string code: must not import bolt, the bot or cost code.

/**
 * Slack sends user text with its own markup: `<@U123>` mentions, `<!channel>`, `<url|label>` links,
 * and `&amp; &lt; &gt;` escapes. The bot reads plain words, so mentions of the bot are dropped,
 * other markup is reduced to what the user saw, and the escapes are undone. The renderer escapes
 * again on the way out, so nothing a user typed can become a live `@channel` or link in a reply.
 */
export function fromSlackText(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => (!botUserId || id === botUserId ? " " : `@${id}`))
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, (_m, name: string) => `#${name}`)
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, name?: string) => name ?? "@group")
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, (_m, who: string) => `@${who}`)
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, (_m, fallback: string) => fallback)
    .replace(/<([^|>]+)\|([^>]*)>/g, (_m, _url: string, label: string) => label)
    .replace(/<([^>]+)>/g, (_m, url: string) => url)
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** `/cost <words> public` posts to the channel; anything else stays private to the asker. */
export function splitVisibility(words: string): { words: string; visibility: "in_channel" | "ephemeral" } {
  const m = /^(.*?)(?:^|\s)public$/i.exec(words.trim());
  return m ? { words: m[1].trim(), visibility: "in_channel" } : { words: words.trim(), visibility: "ephemeral" };
}
