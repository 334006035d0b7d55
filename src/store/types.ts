// The Store contract: where costbot keeps targets, digests, budgets, alert routes and the delivery log.
// Implemented on SQLite and PostgreSQL (sql-store.ts over a driver); must not import platform SDKs.
import type { Amount } from "../cost/money.js";
import type { Channel } from "../cost/types.js";

export type Platform = "slack" | "teams" | "web";

/** Plain JSON, as stored; handed back unchanged. */
type JsonObject = Record<string, unknown>;

/** Somewhere messages go: a Slack channel, a Teams conversation, a playground session. */
export interface Target {
  /** Opaque, stable id (kept across upserts of the same platform + address). */
  id: string;
  platform: Platform;
  /** Slack channel id, Teams conversation id (no `;messageid=` suffix), or a web session id. */
  address: string;
  /** Teams: the Bot Framework conversation reference. Slack: e.g. `{ teamId }`. */
  reference: JsonObject | null;
  /** Extra facts the platform reported (Teams serviceUrl, tenantId, conversationType, ...). */
  meta: Record<string, string>;
  /** IANA zone the platform reported for this place, if any. */
  tz?: string;
  /**
   * The locale (BCP 47) its scheduled digests and alerts write dates in: the last subscriber's
   * (digest, budget, alerts commands) or, in Teams, the conversation's. Absent: the default style.
   */
  locale?: string;
  /** Why sends to this target stopped (e.g. "channel_not_found"); absent when enabled. */
  disabled?: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Insert or update by (platform, address). Omitted `reference`, `meta`, `tz` and `locale` keep what is stored.
 * An upsert re-enables a disabled target: the platform just proved the place is reachable again.
 */
export interface TargetInput {
  platform: Platform;
  address: string;
  reference?: JsonObject | null;
  meta?: Record<string, string>;
  tz?: string;
  /** A locale Intl accepts ("en-US", Slack's "en_US"); stored canonical, anything else is BAD_INPUT. */
  locale?: string;
}

/** Same shape as the Teams adapter's `TeamsConversation` (src/adapters/teams/conversation-store.ts). */
export interface TeamsConversation {
  id: string;
  serviceUrl: string;
  tenantId?: string;
  conversationType?: string;
  reference: Record<string, unknown>;
  /** ISO time of the last save. */
  updatedAt: string;
}

/** A target's digest: at most one per target; `time` is local wall-clock time in `tz`. */
export interface DigestSubscription {
  targetId: string;
  cadence: "daily" | "weekly";
  /** ISO weekday, 1 = Monday .. 7 = Sunday; present exactly when cadence is weekly. */
  weekday?: number;
  /** "HH:MM", 24-hour, 00:00..23:59. */
  time: string;
  /** IANA zone name, validated on save. */
  tz: string;
  /** Platform user id of whoever set it. */
  createdBy: string;
  createdAt: Date;
}

export type DigestInput = Omit<DigestSubscription, "createdAt">;

export type BudgetPeriod = "daily" | "weekly" | "monthly";

export interface Budget {
  id: string;
  /** Unique per target, compared case-insensitively. */
  name: string;
  targetId: string;
  /** Exact (stored as a decimal string, never a float). */
  amount: Amount;
  period: BudgetPeriod;
  /** Only this model's spend counts (catalog key, e.g. "gpt-4o"). */
  model?: string;
  /** Only this billing channel's spend counts. */
  channel?: Channel;
  /** Percent of `amount`, ascending and distinct (e.g. [50, 80, 100]). */
  thresholds: number[];
  createdBy: string;
  createdAt: Date;
}

export type BudgetInput = Omit<Budget, "id" | "createdAt">;

/** Azure budget alerts for `scope` ("*" = every scope this bot watches) go to `targetId`. */
export interface AlertRoute {
  targetId: string;
  scope: string;
  createdBy: string;
  createdAt: Date;
}

export type DeliveryStatus = "claimed" | "sent" | "failed" | "skipped";
export type DeliveryOutcome = Exclude<DeliveryStatus, "claimed">;

/** One row of the delivery log, keyed by a delivery key such as `digest:<target>:<local date>`. */
export interface Delivery {
  key: string;
  targetId?: string;
  status: DeliveryStatus;
  /** 1 on the first claim, +1 on each successful `reclaim`. */
  attempts: number;
  /** true for a failure worth retrying later (set by `complete(..., { transient: true })`). */
  transient: boolean;
  claimedAt: Date;
  /** Instance id of the current holder (see `StoreOptions.instanceId`). */
  claimedBy: string;
  completedAt?: Date;
  detail?: string;
  /**
   * When the current holder began handing the message to the platform (`markSending`). A claim
   * with `sendingAt` and no outcome is *in doubt*: the message may or may not have arrived.
   */
  sendingAt?: Date;
  /** What the platform answered for a sent message (Slack ts, Teams activity id), when known. */
  receipt?: string;
}

/**
 * The delivery log gives exactly-once claims and leaves retry policy to the scheduler:
 *
 * - `claim(key)` atomically inserts the key as `claimed` by this instance; true for exactly one
 *   caller across every instance sharing the database, false for all others, forever after.
 *   Claim *before* sending; only the winner sends.
 * - `complete(key, outcome)` records `sent`, `skipped` (e.g. a missed digest from an earlier local
 *   day) or `failed` (`transient: true` when a later retry could succeed: a 5xx, a timeout).
 *   It only applies while this instance holds the claim, so a holder that lost its lease cannot
 *   overwrite the outcome of whoever took over; it returns false then.
 * - A process can die between claim and complete. Such a key stays `claimed`; `retryable`
 *   lists it once its claim is older than `olderThanMs`, together with transient failures
 *   completed longer ago than that, and `reclaim` takes it over atomically (one winner, like
 *   `claim`). Whether to resend is the scheduler's call: the dead holder may have sent just before dying, so reclaiming
 *   trades "never lost" against a rare duplicate. Choose `olderThanMs` well above the longest
 *   send (with its retries); use `attempts` to give up (`complete(key, "failed")`). Staleness is
 *   judged by each instance's clock, so keep `olderThanMs` far above clock skew between hosts.
 * - `sent`, `skipped` and non-transient `failed` keys are final: never listed, never reclaimed.
 */
export interface DeliveryLog {
  claim(key: string, opts?: { targetId?: string }): Promise<boolean>;
  /**
   * Records that this holder is about to send (sets `sendingAt`); false when this instance no
   * longer holds the claim, and then it must not send. Call it right before the platform call.
   */
  markSending(key: string): Promise<boolean>;
  complete(key: string, outcome: DeliveryOutcome, opts?: { detail?: string; transient?: boolean; receipt?: string }): Promise<boolean>;
  get(key: string): Promise<Delivery | undefined>;
  /**
   * Claims not completed within `olderThanMs` of being made, and transient failures recorded
   * more than `olderThanMs` ago (a built-in backoff); oldest claim first, at most `limit` (100).
   */
  retryable(opts: { olderThanMs: number; limit?: number }): Promise<Delivery[]>;
  /** Take over a stale claim or a transient failure (same rule as `retryable`); true for one winner. */
  reclaim(key: string, opts: { olderThanMs: number }): Promise<boolean>;
  /** Log rows whose key starts with `prefix` (all when omitted), by key; for audits and tests. */
  list(opts?: { prefix?: string; status?: DeliveryStatus }): Promise<Delivery[]>;
}

/**
 * Everything costbot persists. Every method is async so both implementations share it.
 * Bad input (unknown zone, "25:00", a duplicate budget name, an unknown target) throws a
 * CostbotError with code BAD_INPUT, CONFLICT or NOT_FOUND and a message a user can act on.
 */
export interface Store {
  readonly dialect: "sqlite" | "postgres";

  upsertTarget(input: TargetInput): Promise<Target>;
  getTarget(id: string): Promise<Target | undefined>;
  findTarget(platform: Platform, address: string): Promise<Target | undefined>;
  /** Enabled targets only unless `includeDisabled`; ordered by creation. */
  listTargets(opts?: { platform?: Platform; includeDisabled?: boolean }): Promise<Target[]>;
  /** Stops sends to a target (a removed channel, a revoked token) and records why. False if unknown. */
  disableTarget(id: string, reason: string): Promise<boolean>;
  enableTarget(id: string): Promise<boolean>;

  /** Teams adapter seam (ConversationStore): a Teams target keyed by conversation id. */
  saveConversation(conversation: TeamsConversation): Promise<void>;
  getConversation(id: string): Promise<TeamsConversation | undefined>;
  listConversations(): Promise<TeamsConversation[]>;

  /** Sets or replaces the target's digest. */
  setDigest(input: DigestInput): Promise<DigestSubscription>;
  getDigest(targetId: string): Promise<DigestSubscription | undefined>;
  /** True when there was one to remove. */
  removeDigest(targetId: string): Promise<boolean>;
  /** Digests of enabled targets unless `includeDisabled`. */
  listDigests(opts?: { includeDisabled?: boolean }): Promise<DigestSubscription[]>;

  /**
   * Creates a budget; a name already used on that target throws CONFLICT unless `replace`.
   * A replaced budget gets a new id, so its thresholds are checked (and announced) afresh.
   */
  createBudget(input: BudgetInput, opts?: { replace?: boolean }): Promise<Budget>;
  getBudget(id: string): Promise<Budget | undefined>;
  /** One target's budgets, or every budget (of enabled targets unless `includeDisabled`). */
  listBudgets(opts?: { targetId?: string; includeDisabled?: boolean }): Promise<Budget[]>;
  /** True when a budget of that name (any case) was removed. */
  removeBudget(targetId: string, name: string): Promise<boolean>;

  /** Routes Azure budget alerts for `scope` (default "*") to the target; idempotent. */
  setAlertRoute(input: { targetId: string; scope?: string; createdBy: string }): Promise<AlertRoute>;
  /** Routes to enabled targets unless `includeDisabled`; optionally only one target's. */
  listAlertRoutes(opts?: { targetId?: string; includeDisabled?: boolean }): Promise<AlertRoute[]>;
  /** Removes one scope's route, or every route of the target when `scope` is omitted. */
  removeAlertRoute(targetId: string, scope?: string): Promise<boolean>;

  readonly deliveries: DeliveryLog;
  readonly budgetMarks: BudgetMarks;
  readonly inbound: InboundLog;
  readonly estimateChecks: EstimateChecks;

  /** Closes connections; the store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * The highest budget threshold announced per budget, kind and period, shared by every instance.
 * `raise` is one conditional upsert with the threshold compared in SQL: of any number of
 * concurrent callers, only those raising the mark above its current value win, so a lower
 * threshold can never be announced after a higher one in the same period.
 */
export interface BudgetMarks {
  /**
   * Raises the mark to `threshold` if it is below it (or absent). `raised: false` when the mark
   * is already at or above `threshold`; otherwise `previous` is the mark it replaced (undefined
   * when none), so thresholds in (previous, threshold] are the ones this caller announces.
   */
  raise(mark: { budgetId: string; kind: "actual" | "forecast"; period: string; threshold: number }): Promise<{ raised: boolean; previous?: number }>;
  /** The current mark, if any. */
  get(mark: { budgetId: string; kind: "actual" | "forecast"; period: string }): Promise<number | undefined>;
}

/**
 * Inbound platform deliveries already handled (a Slack event id), shared by every instance, so a
 * platform retry landing on another instance is not answered twice.
 */
export interface InboundLog {
  /** True for exactly one caller per `key` within `ttlMs` across every instance; false for repeats. */
  firstTime(key: string, opts: { ttlMs: number }): Promise<boolean>;
  /** Forgets a key this instance recorded (its handling failed before it was acknowledged). */
  forget(key: string): Promise<void>;
}

/** How far the usage estimate of one day and model was off once that day's billed cost arrived. */
export interface EstimateCheck {
  /** UTC calendar date, as cost data is dated. */
  date: string;
  model: string;
  /** What costbot estimated from the usage metrics (exact). */
  estimate: Amount;
  /** What the bill then said for the same model and day (exact). */
  billed: Amount;
  currency: string;
  /** How the model was priced: the rates billed over the days before, or the retail list price. */
  basis: "billed-rate" | "retail-price";
  recordedAt: Date;
}

/**
 * The reconciliation log: one record per day and model, written once when the day's billed cost is
 * final, so the recent error can be shown after the metrics behind it have expired.
 */
export interface EstimateChecks {
  /** Records the pairs not yet recorded; a pair already there keeps its first record. Returns how many were new. */
  record(checks: Array<Omit<EstimateCheck, "recordedAt">>): Promise<number>;
  /** Records dated `from`..`to` (inclusive), by date then model. */
  list(range: { from: string; to: string }): Promise<EstimateCheck[]>;
}

export interface StoreOptions {
  /** The clock for timestamps and staleness; tests pin it. */
  clock?: () => Date;
  /** Who claims deliveries; default host:pid:random, unique per open. */
  instanceId?: string;
}
