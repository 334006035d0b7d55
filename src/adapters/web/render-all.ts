// What the playground API and the digest preview share: the options the API runs with and
// every rendering of one report. Imports only the renderers.
import { renderJson, renderSlack, renderTeams, renderText, type AnyReport } from "../../server/render.js";

export interface ApiOptions {
  clock: () => Date;
  /** Whether the playground user may run admin commands (budgets, digests). */
  admin: boolean;
}

/** Every rendering of one report, as the page shows them side by side. */
export function renderAll(report: AnyReport) {
  return { report: renderJson(report), slack: renderSlack(report), teams: renderTeams(report), text: renderText(report) };
}
