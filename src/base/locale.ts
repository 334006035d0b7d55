// Which locale tags costbot writes dates in: one check shared by the renderers (bot/date-style.ts)
// and the store, which keeps a channel's locale for scheduled digests and alerts. Pure.

/** A supported BCP 47 tag ("en-US", "de-DE"; Slack's "en_US" too), or undefined when Intl does not accept it. */
export function supportedLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const tag = locale.trim().replace(/_/g, "-");
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag])[0];
  } catch {
    return undefined; // not a well-formed tag
  }
}
