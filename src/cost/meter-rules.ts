// The data-driven tables deciding which cost rows are AI model spend: Microsoft's own split, the
// "other" AI services of older data, and how Marketplace models are named. First match wins.
// Pure data plus tiny name builders: must not import sources, platform SDKs or the classifier.

/** Columns a Marketplace rule can test. */
type RuleColumn = "meterName" | "meterCategory" | "meterSubCategory" | "product" | "serviceName" | "publisherType" | "publisherName" | "resourceName";

export type RuleInput = Record<RuleColumn, string>;

export interface MeterRule {
  /** Why the rule exists: the table is its own documentation. */
  why: string;
  /** Every listed column must match its pattern. */
  match: Partial<Record<RuleColumn, RegExp>>;
  kind: "model";
  /** Model key from the match of `from` (default: the first column in `match`); lowercased after. */
  model: (m: RegExpExecArray) => string;
  from?: RuleColumn;
}

/** Category/product/service text marking Microsoft AI services (models or not). */
export const AI_SERVICE = /cognitive ?services|openai|foundry|azure ai\b|ai services|models as a service/i;
/** Services that sell only models: an unmatched meter there is an unrecognised model, not "other". */
export const MODEL_SERVICE = /openai|foundry models|models as a service/i;
/** Marketplace (provider-sold) rows: publisher type, service `SaaS`, or the documented paygo meters. */
export const MARKETPLACE = { publisherType: /marketplace/i, serviceName: /^(microsoft\.)?saas$/i, meterName: /^paygo-|- paygo-/i };
/**
 * Text every MARKETPLACE match on that column contains (compared lowercase): an export reader keeps
 * resource columns (which can name a Marketplace model) only on rows holding one. Change with MARKETPLACE.
 */
export const MARKETPLACE_HINTS = { publisherType: "marketplace", serviceName: "saas", meterName: "paygo-" } as const;
/** Provider model families, to tell a Marketplace model from other Marketplace SaaS. */
export const MODEL_FAMILY =
  /mistral|ministral|codestral|pixtral|cohere|command-?r|embed-v|rerank|llama|\bmeta\b|ai21|jamba|jais|nixtla|timegen|claude|anthropic|grok|deepseek|\bphi-|qwen|gemma|falcon|nemotron|tsuzumi|bria|stability|flux|kimi|gpt/i;
/** Meter names that bill model usage on Marketplace. */
export const MODEL_METER = /paygo-|\btokens?\b|consumption units|inference/i;

/** Microsoft's own split (serviceName / MeterCategory): model spend or AI tools. */
export const FOUNDRY_MODELS = /^foundry models$/i;
export const FOUNDRY_TOOLS = /^foundry tools$/i;

/**
 * Older data files every AI service under "Cognitive Services": these meters are AI services that
 * are not model spend (Foundry Tools today); they land in otherCost, never dropped.
 */
export const OTHER_RULES: Array<{ why: string; match: Partial<Record<"meterName" | "product", RegExp>> }> = [
  { why: "Foundry evaluation tokens are grader usage billed by Azure ML, not your model deployments", match: { meterName: /^evaluation\b/i } },
  {
    why: "Content Understanding (Foundry Tools) bills tokens for document extraction, not a chosen model",
    match: { meterName: /contextualization|field extract/i },
  },
  { why: "Content Understanding by product name", match: { product: /content understanding/i } },
  { why: "Content Safety text records and images (moderation, not a model you deploy)", match: { meterName: /^standard (text records|images)$/i } },
  {
    why: "Foundry Agents hosted compute (vCPU/memory hours) and agent units are compute, not model spend",
    match: { meterName: /\bhobo\b|\bagent units?\b/i },
  },
  {
    why: "Other Foundry Tools by product: Speech, Translator, Vision, Document Intelligence, Language...",
    match: {
      product:
        /^(?!.*(openai|foundry models))(?=.*(content safety|speech|translator|vision|document intelligence|form recognizer|language|face|foundry agents|agent unit))/i,
    },
  },
  {
    why: "Foundry Tools meter shapes (characters, pages, speech, transactions) outside a model product",
    match: { meterName: /characters|pages\b|speech|transactions$/i },
  },
];

const GUID = "[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}";
const MODEL_DASH_GUID = new RegExp(`^(.+?)[-_]${GUID}$`, "i");
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "");

/** How a Marketplace model is named, first rule with a match wins. */
export const MARKETPLACE_RULES: MeterRule[] = [
  {
    why: "DESIGN: Marketplace costs sit on a '[model-name]-[GUID]' resource; drop the GUID",
    match: { resourceName: MODEL_DASH_GUID },
    from: "resourceName",
    kind: "model",
    model: (m) => m[1],
  },
  {
    why: "Some views put '[model-name]-[GUID]' in the meter name instead",
    match: { meterName: MODEL_DASH_GUID },
    from: "meterName",
    kind: "model",
    model: (m) => m[1],
  },
  {
    why: "Anthropic offers '<offer> - <plan> - <meter>': catalog writes claude-sonnet-4-6",
    match: { meterName: /^claude (opus|sonnet|haiku) (\d+)(?:\.(\d+))?\b/i },
    from: "meterName",
    kind: "model",
    model: (m) => ["claude", m[1], m[2], m[3]].filter(Boolean).join("-"),
  },
  {
    why: "Claude consumption units (CCU plan) span Claude models",
    match: { meterName: /^claude\b/i },
    from: "meterName",
    kind: "model",
    model: () => "claude",
  },
  {
    why: "'<offer> - <plan> - <meter>' meter names: the offer names the model",
    match: { meterName: /^(.+?) - .+ - .+$/ },
    from: "meterName",
    kind: "model",
    model: (m) => slug(m[1]),
  },
  {
    why: "Product or subcategory naming a model family",
    match: { product: new RegExp(`^.*(${MODEL_FAMILY.source}).*$`, "i") },
    from: "product",
    kind: "model",
    model: (m) => slug(m[0]),
  },
  {
    why: "Subcategory naming a model family",
    match: { meterSubCategory: new RegExp(`^.*(${MODEL_FAMILY.source}).*$`, "i") },
    from: "meterSubCategory",
    kind: "model",
    model: (m) => slug(m[0]),
  },
];
