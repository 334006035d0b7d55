// The ordered, data-driven table deciding which cost rows are AI model spend and which model they
// are. First matching rule wins: to support a new meter family, add a rule above a broader one.
// Pure data plus tiny name builders: must not import sources, platform SDKs or the classifier.
import type { DeploymentKind, Direction } from "./types.js";

/** Columns a rule can test. `words` is the meter name with direction/deployment/date markers removed. */
export type RuleColumn =
  | "meterName" | "meterCategory" | "meterSubCategory" | "product" | "serviceName"
  | "publisherType" | "publisherName" | "resourceName" | "words";

export type RuleInput = Record<RuleColumn, string>;

export interface MeterRule {
  /** Why the rule exists: the table is its own documentation. */
  why: string;
  /** Every listed column must match its pattern. */
  match: Partial<Record<RuleColumn, RegExp>>;
  /** "other": an AI service that is not model spend (counted in otherCost). */
  kind: "model" | "other";
  /** Model key from the match of `from` (default: the first column in `match`); lowercased after. */
  model?: (m: RegExpExecArray) => string;
  from?: RuleColumn;
  /** Direction when the meter name states none (embeddings only read input). */
  direction?: Direction;
  /** Overrides the deployment kind read from the meter name. */
  deployment?: DeploymentKind;
}

const dash = (...parts: Array<string | undefined>) =>
  parts.filter(Boolean).join(" ").trim().replace(/\s+/g, "-");
const whole = (m: RegExpExecArray) => dash(m[0]);

/** Category/product/service text marking Microsoft AI services (models or not). */
export const AI_SERVICE = /cognitive ?services|openai|foundry|azure ai\b|ai services|models as a service/i;
/** Services that sell only models: an unmatched meter there is an unrecognised model, not "other". */
export const MODEL_SERVICE = /openai|foundry models|models as a service/i;
/** Marketplace (provider-sold) rows: publisher type, service `SaaS`, or the documented paygo meters. */
export const MARKETPLACE = { publisherType: /marketplace/i, serviceName: /^(microsoft\.)?saas$/i, meterName: /^paygo-|- paygo-/i };
/** Provider model families, to tell a Marketplace model from other Marketplace SaaS. */
export const MODEL_FAMILY =
  /mistral|ministral|codestral|pixtral|cohere|command-?r|embed-v|rerank|llama|\bmeta\b|ai21|jamba|jais|nixtla|timegen|claude|anthropic|grok|deepseek|\bphi-|qwen|gemma|falcon|nemotron|tsuzumi|bria|stability|flux|kimi|gpt/i;
/** Meter names that bill model usage on Marketplace. */
export const MODEL_METER = /paygo-|\btokens?\b|consumption units|inference/i;

/** Microsoft-billed AI meters, most specific first. */
export const MICROSOFT_RULES: MeterRule[] = [
  // ---- AI services that are not model spend: they land in otherCost, never dropped ----
  { why: "Foundry evaluation tokens are grader usage billed by Azure ML, not your model deployments",
    match: { meterName: /^evaluation\b/i }, kind: "other" },
  { why: "Content Understanding (Foundry Tools) bills tokens for document extraction, not a chosen model",
    match: { meterName: /contextualization|field extract/i }, kind: "other" },
  { why: "Content Understanding by product name", match: { product: /content understanding/i }, kind: "other" },
  { why: "Content Safety text records and images (moderation, not a model you deploy)",
    match: { meterName: /^standard (text records|images)$/i }, kind: "other" },
  { why: "Foundry Agents hosted compute (vCPU/memory hours) and agent units are compute, not model spend",
    match: { meterName: /\bhobo\b|\bagent units?\b/i }, kind: "other" },
  { why: "Other Foundry Tools by product: Speech, Translator, Vision, Document Intelligence, Language...",
    match: { product: /^(?!.*(openai|foundry models))(?=.*(content safety|speech|translator|vision|document intelligence|form recognizer|language|face|foundry agents|agent unit))/i },
    kind: "other" },
  { why: "Foundry Tools meter shapes (characters, pages, speech, transactions)",
    match: { meterName: /characters|pages\b|speech|transactions$/i }, kind: "other" },
  // ---- models ----
  { why: "Provisioned throughput (PTU) bills per hour for a deployment, not per model token",
    match: { meterName: /^provisioned managed\b/i }, kind: "model",
    model: () => "provisioned-throughput", direction: "none", deployment: "provisioned" },
  { why: "GPT models written with their prefix: 'gpt 4o 0513 ...', 'gpt-4o-mini-0718-...', 'GPT 5 outpt ...'",
    match: { words: /^gpt\s+\S.*$/ }, kind: "model", model: whole },
  { why: "o-series reasoning models: 'o3 Inpt DZone', 'o4-mini 0416 Inp glbl'",
    match: { words: /^o\d( (mini|pro|deep research))*$/ }, kind: "model", model: whole },
  { why: "GPT-5 family meters drop the prefix: '5 mini pp Inp Gl', '5.1 codex opt Gl', '5.6 sol ...'",
    match: { words: /^\d+(\.\d+)?o?( [a-z][\w.]*)*$/ }, kind: "model", model: (m) => dash("gpt", m[0]) },
  { why: "MAI-DS-R1 (Microsoft's post-trained DeepSeek R1) before plain R1",
    match: { words: /^mai ds r1\b/ }, kind: "model", model: () => "mai-ds-r1" },
  { why: "DeepSeek R1 sold by Microsoft: 'R1 Inp glbl Tokens'",
    match: { words: /^(deepseek )?r1\b/ }, kind: "model", model: () => "deepseek-r1" },
  { why: "DeepSeek V3.x sold by Microsoft: 'V3.2 Inp glbl Tokens'",
    match: { words: /^(?:deepseek )?v(\d+(?:\.\d+)?)\b/ }, kind: "model", model: (m) => `deepseek-v${m[1]}` },
  { why: "Other DeepSeek models", match: { words: /^deepseek \S.*$/ }, kind: "model", model: whole },
  { why: "OpenAI embeddings read input only: 'text-embedding-3-large-glbl Tokens'",
    match: { words: /^(?:text )?embedding (\S.*)$/ }, kind: "model",
    model: (m) => dash("text embedding", m[1]), direction: "input" },
  { why: "Phi family (Microsoft)", match: { words: /^phi \S.*$/ }, kind: "model", model: whole },
  { why: "Other families Microsoft sells directly (Foundry Models): Llama, Mistral, Grok, Kimi, FLUX, router...",
    match: { words: /^(meta llama|llama|mistral|ministral|codestral|grok|kimi|flux|cohere|model router|codex|sora|dall e|whisper|tts|jais|bria)\b.*$/ },
    kind: "model", model: whole },
];

const GUID = "[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}";
const MODEL_DASH_GUID = new RegExp(`^(.+?)[-_]${GUID}$`, "i");
const slug = (s: string) =>
  s.toLowerCase().replace(/\([^)]*\)/g, " ").replace(/[^a-z0-9.]+/g, "-").replace(/^-+|-+$/g, "");

/** How a Marketplace model is named, first rule with a match wins. */
export const MARKETPLACE_RULES: MeterRule[] = [
  { why: "DESIGN: Marketplace costs sit on a '[model-name]-[GUID]' resource; drop the GUID",
    match: { resourceName: MODEL_DASH_GUID }, from: "resourceName", kind: "model", model: (m) => m[1] },
  { why: "Some views put '[model-name]-[GUID]' in the meter name instead",
    match: { meterName: MODEL_DASH_GUID }, from: "meterName", kind: "model", model: (m) => m[1] },
  { why: "Anthropic offers '<offer> - <plan> - <meter>': catalog writes claude-sonnet-4-6",
    match: { meterName: /^claude (opus|sonnet|haiku) (\d+)(?:\.(\d+))?\b/i }, from: "meterName", kind: "model",
    model: (m) => ["claude", m[1], m[2], m[3]].filter(Boolean).join("-") },
  { why: "Claude consumption units (CCU plan) span Claude models", match: { meterName: /^claude\b/i },
    from: "meterName", kind: "model", model: () => "claude" },
  { why: "'<offer> - <plan> - <meter>' meter names: the offer names the model",
    match: { meterName: /^(.+?) - .+ - .+$/ }, from: "meterName", kind: "model", model: (m) => slug(m[1]) },
  { why: "Product or subcategory naming a model family",
    match: { product: new RegExp(`^.*(${MODEL_FAMILY.source}).*$`, "i") }, from: "product", kind: "model",
    model: (m) => slug(m[0]) },
  { why: "Subcategory naming a model family",
    match: { meterSubCategory: new RegExp(`^.*(${MODEL_FAMILY.source}).*$`, "i") }, from: "meterSubCategory",
    kind: "model", model: (m) => slug(m[0]) },
];
