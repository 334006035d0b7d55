// The one error family: a message a user can act on, plus a code for programs.
// Caught at the adapter edge (and per scheduled target); never shown as a stack trace.

export type CostbotErrorCode = "BAD_INPUT" | "NOT_FOUND" | "SOURCE_FAILED" | "FORBIDDEN" | "THROTTLED" | "CONFIG";

export class CostbotError extends Error {
  constructor(
    message: string,
    public readonly code: CostbotErrorCode | string,
    options?: { cause?: unknown; hint?: string },
  ) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "CostbotError";
    this.hint = options?.hint;
  }
  readonly hint?: string;
}

export function isCostbotError(err: unknown): err is CostbotError {
  return err instanceof CostbotError;
}
