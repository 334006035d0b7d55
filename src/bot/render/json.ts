// Report -> the JSON contract of DESIGN.md §3 (`--format json`), plus what cards use.
// Lists every group (no roll-up). Pure; must not import any platform SDK.
import type { ErrorsReport } from "../errors-report.js";
import type { NoticeReport, Report, SpendReport } from "../report.js";

/** The §3 contract fields first, in contract order, then the extra card fields. */
export interface SpendJson {
  range: SpendReport["range"];
  currency: string;
  total: number;
  groupBy: SpendReport["groupBy"];
  groups: SpendReport["groups"];
  channels: SpendReport["channels"];
  otherCost: number;
  dataAsOf: string | null;
  warnings: string[];
  coverage: SpendReport["coverage"];
  estimate?: SpendReport["estimate"];
  kind: "spend";
  costType: SpendReport["costType"];
  source: string;
  filters: SpendReport["filters"];
  previous: SpendReport["previous"];
  compare: boolean;
  series: SpendReport["series"];
  top: number;
  actions: SpendReport["actions"];
}

export type ReportJson =
  | SpendJson
  | { kind: "help"; intro: string; sections: Array<{ title: string; examples: string[] }> }
  | { kind: "error"; message: string; hint?: string }
  | NoticeReport
  | ErrorsReport;

/** A fresh object each call: callers may serialise or change it without touching the report. */
export function renderJson(report: Report): ReportJson {
  switch (report.kind) {
    case "spend": {
      const r = structuredClone(report);
      return {
        range: r.range,
        currency: r.currency,
        total: r.total,
        groupBy: r.groupBy,
        groups: r.groups,
        channels: r.channels,
        otherCost: r.otherCost,
        dataAsOf: r.dataAsOf,
        warnings: r.warnings,
        coverage: r.coverage,
        ...(r.estimate ? { estimate: r.estimate } : {}),
        kind: "spend",
        costType: r.costType,
        source: r.source,
        filters: r.filters,
        previous: r.previous,
        compare: r.compare,
        series: r.series,
        top: r.top,
        actions: r.actions,
      };
    }
    case "help":
      return { kind: "help", intro: report.intro, sections: structuredClone(report.sections) };
    case "notice":
    case "errors":
      return structuredClone(report);
    case "error":
      return report.hint === undefined ? { kind: "error", message: report.message } : { kind: "error", message: report.message, hint: report.hint };
  }
}
