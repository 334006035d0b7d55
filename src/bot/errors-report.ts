// The `errors …` answer: failed requests by status code and model, billed or not, and what the
// billed ones are estimated to cost. Plain data: the JSON contract (render/errors-view.ts draws it).
import type { DateRange } from "./intent-types.js";

interface ErrorsGroup {
  /** HTTP status code, e.g. "400". */
  key: string;
  billed: boolean;
  requests: number;
  model: string;
  /** Estimated cost of these requests when billed and priceable, else null. */
  estimatedCost: number | null;
}

export interface ErrorsReport {
  kind: "errors";
  range: DateRange;
  currency: string;
  /** Failed requests only, billed groups first, most requests first. */
  groups: ErrorsGroup[];
  totalRequests: number;
  failedRequests: number;
  billedRequests: number;
  /** Estimated cost of billed failures (0 when there were none). */
  estimatedBilledCost: number;
  /** Azure's rule in one line. */
  explanation: string;
  /** How `estimatedBilledCost` is estimated. */
  basis: string;
  /** When the metrics were read (ISO time). */
  dataAsOf: string;
  source: string;
  warnings: string[];
}
