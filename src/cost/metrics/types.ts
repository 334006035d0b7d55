// The usage-metrics source beside the cost source: tokens and requests per deployment and day, as
// Azure Monitor reports them within minutes. Platform-free: no Slack, Teams or Azure SDK imports.

/** Tokens one deployment processed on one day (UTC calendar date, as cost data is dated). */
export interface UsageRow {
  date: string;
  /** ARM id of the AI Services / OpenAI account, lower case. */
  account: string;
  /** The deployment name, as the `ModelDeploymentName` dimension carries it. */
  deployment: string;
  /** Model as people name it (`gpt-4o`), matching the cost data's model keys. */
  model: string;
  /** Input tokens, cached input included. */
  inputTokens: number;
  /** Part of `inputTokens` read from a prompt cache, when the metrics say (0 when unknown). */
  cachedInputTokens: number;
  outputTokens: number;
}

/** Requests one deployment answered with one HTTP status on one day. */
export interface RequestRow {
  date: string;
  account: string;
  deployment: string;
  model: string;
  /** HTTP status as text ("200", "400", "429"). */
  statusCode: string;
  requests: number;
}

/** One deployment from the account's deployment list (read once a day). */
export interface DeploymentInfo {
  account: string;
  name: string;
  model: string;
  modelVersion: string;
  /** Deployment SKU as Azure names it (`GlobalStandard`, `ProvisionedManaged`, ...). */
  type: string;
}

export interface MetricsQuery {
  /** Inclusive UTC calendar dates. */
  from: string;
  to: string;
}

export interface MetricsResult {
  usage: UsageRow[];
  requests: RequestRow[];
  deployments: DeploymentInfo[];
  /** When the metrics were read (ISO time). */
  asOf: string;
  /** What is missing and why (e.g. the Monitoring Reader role on an account). */
  warnings: string[];
}

/** Anything that answers "how many tokens and requests, per deployment and day". */
export interface MetricsSource {
  readonly name: string;
  usage(q: MetricsQuery): Promise<MetricsResult>;
}
