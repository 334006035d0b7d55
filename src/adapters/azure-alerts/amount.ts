// Amounts in Azure's alert payloads: invariant-culture decimals ("8000.0", "1111.32"), in the common
// schema with a currency sign and thousands commas ("$11,111.00"). Nothing else is guessed at: no
// sign, no exponent, no "8.000,50" (that is 8000.50 in some cultures and would read as 8.00 here).
import { parseAmount, type Amount } from "../../cost/money.js";

/** More integer digits than any real bill has; beyond it an amount is refused, not shown as "$∞". */
const MAX_INTEGER_DIGITS = 15;
const AZURE_AMOUNT = /^(?:[$€£¥]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;

/** The exact amount, or null when `raw` is not an amount in Azure's format. */
export function parseAzureAmount(raw: string): Amount | null {
  const m = AZURE_AMOUNT.exec(raw.trim());
  if (!m) return null;
  const integer = m[1].replace(/,/g, "").replace(/^0+(?=\d)/, "");
  if (integer.length > MAX_INTEGER_DIGITS) return null;
  return parseAmount(`${integer}${m[2] ?? ""}`);
}
