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

/** Every migration, in order. The delivery log has no foreign key: it outlives its targets. */
export const migrations: Migration[] = [{ version: 1, name: "initial schema", sql: { sqlite: v1, postgres: v1 } }];
