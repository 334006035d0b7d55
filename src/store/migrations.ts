// Versioned schema for both databases, applied at open (driver.migrate); append only, never edit a shipped one.
// Times are integer epoch milliseconds, money is an exact decimal string, JSON is text: same on both.
import type { Migration } from "./driver.js";

const v1 = `
CREATE TABLE targets (
  id TEXT PRIMARY KEY,
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'web')),
  address TEXT NOT NULL,
  reference TEXT,
  meta TEXT NOT NULL DEFAULT '{}',
  tz TEXT,
  disabled_reason TEXT,
  disabled_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (platform, address)
);
CREATE TABLE digest_subscriptions (
  target_id TEXT PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,
  cadence TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly')),
  weekday INTEGER CHECK (weekday BETWEEN 1 AND 7),
  local_time TEXT NOT NULL,
  tz TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  CHECK ((cadence = 'weekly' AND weekday IS NOT NULL) OR (cadence = 'daily' AND weekday IS NULL))
);
CREATE TABLE budgets (
  id TEXT PRIMARY KEY,
  target_id TEXT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  amount TEXT NOT NULL,
  period TEXT NOT NULL CHECK (period IN ('daily', 'weekly', 'monthly')),
  model TEXT,
  channel TEXT CHECK (channel IN ('microsoft', 'marketplace')),
  thresholds TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (target_id, name_key)
);
CREATE TABLE alert_routes (
  target_id TEXT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (target_id, scope)
);
CREATE TABLE deliveries (
  key TEXT PRIMARY KEY,
  target_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'skipped')),
  attempts INTEGER NOT NULL,
  transient INTEGER NOT NULL DEFAULT 0,
  claimed_at BIGINT NOT NULL,
  claimed_by TEXT NOT NULL,
  completed_at BIGINT,
  detail TEXT
);
CREATE INDEX deliveries_by_status ON deliveries (status, claimed_at);
`;

// v2, exactly once under faults: when a send began (a claim with sending_at and no outcome is in
// doubt) and what the platform answered; the highest threshold announced per budget period (one
// row raised by a conditional upsert); inbound platform deliveries already handled (Slack retries).
const v2 = `
ALTER TABLE deliveries ADD COLUMN sending_at BIGINT;
ALTER TABLE deliveries ADD COLUMN receipt TEXT;
CREATE TABLE budget_marks (
  budget_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('actual', 'forecast')),
  period TEXT NOT NULL,
  threshold DOUBLE PRECISION NOT NULL,
  previous DOUBLE PRECISION,
  raised_at BIGINT NOT NULL,
  raised_by TEXT NOT NULL,
  PRIMARY KEY (budget_id, kind, period)
);
CREATE TABLE inbound_seen (
  key TEXT PRIMARY KEY,
  seen_at BIGINT NOT NULL,
  seen_by TEXT NOT NULL
);
CREATE INDEX inbound_seen_by_time ON inbound_seen (seen_at);
`;

// v3, estimate reconciliation: per day and model, the usage estimate against the billed cost, written
// once (the first record stands) when the day's cost is final. Money as exact decimal strings.
const v3 = `
CREATE TABLE estimate_checks (
  day TEXT NOT NULL,
  model TEXT NOT NULL,
  estimate TEXT NOT NULL,
  billed TEXT NOT NULL,
  currency TEXT NOT NULL,
  basis TEXT NOT NULL CHECK (basis IN ('billed-rate', 'retail-price')),
  recorded_at BIGINT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (day, model)
);
`;

// v4, a channel's date style: the locale (BCP 47) its scheduled digests and alerts are written in,
// from whoever last subscribed it (Slack) or last spoke in it (Teams). Teams references already kept
// the activity's locale: copied over, so existing conversations keep their style.
const v4 = (localeOfReference: string) => `
ALTER TABLE targets ADD COLUMN locale TEXT;
UPDATE targets SET locale = ${localeOfReference} WHERE platform = 'teams' AND reference IS NOT NULL;
`;
const v4sqlite = v4("(CASE WHEN json_type(reference, '$.locale') = 'text' THEN json_extract(reference, '$.locale') END)");
const v4postgres = v4("(CASE WHEN jsonb_typeof(reference::jsonb -> 'locale') = 'string' THEN reference::jsonb ->> 'locale' END)");

/** Every migration, in order. The delivery log has no foreign key: it outlives its targets. */
export const migrations: Migration[] = [
  { version: 1, name: "initial schema", sql: { sqlite: v1, postgres: v1 } },
  { version: 2, name: "sending state, budget marks, inbound de-duplication", sql: { sqlite: v2, postgres: v2 } },
  { version: 3, name: "estimate reconciliation", sql: { sqlite: v3, postgres: v3 } },
  { version: 4, name: "target locale", sql: { sqlite: v4sqlite, postgres: v4postgres } },
];
