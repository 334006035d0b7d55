import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { signedHeaders, slackSignature, verifySignature } from "../../../src/adapters/slack/verify.js";

const vector = JSON.parse(readFileSync(new URL("../../../test/fixtures/reference/slack/signing-test-vector.json", import.meta.url), "utf8"));
const headersOf = (sig: string | undefined, ts: string | undefined) => ({
  ...(sig !== undefined ? { "x-slack-signature": sig } : {}),
  ...(ts !== undefined ? { "x-slack-request-timestamp": ts } : {}),
});
const at = vector.valid_at_unix_time * 1000;

describe("Slack request signing", () => {
  it("reproduces the signature of Slack's published example", () => {
    expect(slackSignature(vector.signing_secret, vector.headers["X-Slack-Request-Timestamp"], vector.body)).toBe(vector.expected_signature);
    expect(signedHeaders(vector.signing_secret, vector.body, at)["x-slack-signature"]).toBe(vector.expected_signature);
  });

  const ts = vector.headers["X-Slack-Request-Timestamp"];
  const sig = vector.expected_signature;
  const cases: Array<[string, Record<string, string>, string, number, string | null]> = [
    ["accepts the published example at its own time", headersOf(sig, ts), vector.body, at, null],
    ["accepts it 300 s later", headersOf(sig, ts), vector.body, at + 300_000, null],
    ["refuses it 301 s later", headersOf(sig, ts), vector.body, at + 301_000, "timestamp outside the 5-minute window"],
    ["refuses a timestamp 301 s in the future", headersOf(sig, ts), vector.body, at - 301_000, "timestamp outside the 5-minute window"],
    ["refuses a changed body", headersOf(sig, ts), vector.body + "&x=1", at, "signature mismatch"],
    ["refuses a wrong signature", headersOf(sig.replace(/.$/, "0"), ts), vector.body, at, "signature mismatch"],
    ["refuses another signature version", headersOf(sig.replace("v0=", "v1="), ts), vector.body, at, "signature mismatch"],
    ["refuses a missing signature", headersOf(undefined, ts), vector.body, at, "missing X-Slack-Signature"],
    ["refuses a missing timestamp", headersOf(sig, undefined), vector.body, at, "missing or malformed X-Slack-Request-Timestamp"],
    ["refuses a non-numeric timestamp", headersOf(sig, "soon"), vector.body, at, "missing or malformed X-Slack-Request-Timestamp"],
  ];
  it.each(cases)("%s", (_name, headers, body, now, reason) => {
    const r = verifySignature(vector.signing_secret, headers, body, now);
    expect(r).toEqual(reason === null ? { ok: true } : { ok: false, reason });
  });

  it("refuses the right signature under another secret", () => {
    expect(verifySignature("another-secret", headersOf(sig, ts), vector.body, at).ok).toBe(false);
  });
});
