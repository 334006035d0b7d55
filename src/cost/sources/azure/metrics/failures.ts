// Turns an ARM or Azure Monitor failure into one line for a warning: the status, Azure's code and,
// for a missing permission, the role costbot needs. Pure apart from reading the error's fields.
import { isRestError } from "@azure/core-rest-pipeline";

export function describeFailure(e: unknown, role: "Reader" | "Monitoring Reader"): string {
  if (isRestError(e)) {
    const code = e.code ? ` ${e.code}` : "";
    if (e.statusCode === 401 || e.statusCode === 403) {
      return `costbot needs the ${role} role there (Azure answered ${e.statusCode}${code}).`;
    }
    if (e.statusCode) return `Azure answered ${e.statusCode}${code}.`;
    return `Azure could not be reached (${e.code ?? e.message}).`;
  }
  return e instanceof Error ? e.message : String(e);
}
