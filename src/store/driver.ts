// The narrow SQL seam sql-store.ts runs on: SQLite (better-sqlite3) or PostgreSQL (pg).
// Statements use `?` placeholders; drivers translate. Must not import store logic or platform SDKs.

type Dialect = "sqlite" | "postgres";

/** A row as the driver returns it: column name to value (strings, numbers, null). */
export type Row = Record<string, unknown>;

/** One versioned schema change; `sql` may hold several statements. */
export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

export interface SqlDriver {
  readonly dialect: Dialect;
  /** Runs a statement and returns its rows (use RETURNING for writes that need them). */
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /**
   * Applies pending migrations, each once and in its own transaction, recording them in
   * `schema_migrations`; safe when several processes open the same database at once.
   */
  migrate(migrations: Migration[]): Promise<number[]>;
  close(): Promise<void>;
}

/** Constraint failures, told apart the same way on both databases. */
export type ConstraintKind = "unique" | "foreign-key" | "check";

export function constraintKind(err: unknown): ConstraintKind | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  // PostgreSQL SQLSTATEs 23505/23503/23514; better-sqlite3 extended result codes.
  if (code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return "unique";
  if (code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY") return "foreign-key";
  if (code === "23514" || code === "SQLITE_CONSTRAINT_CHECK") return "check";
  return undefined;
}
