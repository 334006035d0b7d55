// Picks the renderer for --format; shared by `costbot ask` and anything printing a report.
import { renderJson, renderSlack, renderTeams, renderText, type AnyReport } from "../../server/render.js";
import type { OutputFormat } from "./options.js";

export function renderFor(format: OutputFormat, report: AnyReport): string {
  switch (format) {
    case "text":
      return renderText(report);
    case "json":
      return JSON.stringify(renderJson(report), null, 2);
    case "slack":
      return JSON.stringify(renderSlack(report), null, 2);
    case "teams":
      return JSON.stringify(renderTeams(report), null, 2);
  }
}
