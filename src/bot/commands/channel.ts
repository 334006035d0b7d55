// The channel a command changes, as the store keeps it: the place the message came from plus the
// asker's locale when Intl accepts it, so the channel's scheduled digests and alerts write dates the
// way its latest subscriber reads them. Pure; must not import platform SDKs or the store's code.
import { supportedLocale } from "../../base/locale.js";
import type { TargetInput } from "../../store/types.js";
import type { AskContext } from "../bot.js";

/** `ctx.target` with the asker's locale; without one, the channel keeps the locale it has. */
export function subscribingTarget(ctx: AskContext & { target: TargetInput }): TargetInput {
  const locale = supportedLocale(ctx.locale);
  return locale ? { ...ctx.target, locale } : ctx.target;
}
