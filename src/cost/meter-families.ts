// Names the model of a Microsoft-sold meter from its family and its model words: "gpt-5.4-nano",
// "deepseek-v3.2", "mistral-document-ai-2512", "phi-4-mini-instruct". The family comes from the
// product (MeterSubCategory / productName) when there is one, so a bare "4.3" of a non-OpenAI product
// is never read as gpt-4.3. Pure: must not import sources, platform SDKs or the classifier.

/** Vendor family by product name ("Azure OpenAI GPT5", "Azure Deepseek Models", "Cohere Models"). */
const PRODUCT_FAMILIES: Array<[RegExp, string]> = [
  [/openai/i, "openai"],
  [/deepseek/i, "deepseek"],
  [/mistral/i, "mistral"],
  [/llama|\bmeta\b/i, "llama"],
  [/\bphi\b/i, "phi"],
  [/cohere/i, "cohere"],
  [/\bgrok|\bxai\b/i, "grok"],
  [/managed compute/i, "managed-compute"],
];

/** Family words a meter name may start with when no product says it. */
const NAME_FAMILIES: Array<[RegExp, string]> = [
  [/^(gpt|o[134]|dall|sora|whisper|tts|codex|chat|babbage|davinci|computer|text|embedding|az)$/, "openai"],
  [/^(deepseek|mai)$/, "deepseek"],
  [/^(mistral|ministral|mnstrl|codestral|pixtral)$/, "mistral"],
  [/^(llama|meta)$/, "llama"],
  [/^phi$/, "phi"],
  [/^(cohere|command)$/, "cohere"],
  [/^grok$/, "grok"],
  [/^(kimi|flux|jais|bria|qwen|gemma|falcon|nemotron)$/, ""],
];

export function familyFromProduct(product: string): string | null {
  for (const [re, f] of PRODUCT_FAMILIES) if (re.test(product)) return f;
  return null;
}

/** The family a meter name itself announces ("gpt", "Phi-4", "Llama 3.3"), or null. */
export function familyFromName(words: string[]): string | null {
  const first = words[0] ?? "";
  for (const [re, f] of NAME_FAMILIES) if (re.test(first)) return f || first;
  return null;
}

const join = (w: string[]) => w.filter(Boolean).join("-");
const isVersion = (w: string) => /^\d+(\.\d+)?[a-z]?$/.test(w);

/** The model key for a family and the meter's model words; null when the words do not name one. */
export function modelKeyFor(family: string, words: string[], provisioned: boolean): string | null {
  // PTU meters ("Provisioned Managed Global", "Provisioned Throughput - Overage") name no model.
  if (provisioned && words.every((x) => PTU_WORDS.has(x))) return family ? `${family}-provisioned-throughput` : "provisioned-throughput";
  if (words.length === 0 || !family) return null;
  const fn = KEYS[family];
  const key = fn ? fn(words) : join(words);
  return key || null;
}

const PTU_WORDS = new Set(["az", "managed", "throughput", "available", "overage"]);

const KEYS: Record<string, (w: string[]) => string | null> = {
  openai: openaiKey,
  deepseek: (w) => {
    const v = w.filter((x) => x !== "deepseek");
    if (v[0] === "mai") return "mai-ds-r1";
    return join(["deepseek", ...v.map((x) => (x === "sp" ? "speciale" : x))]);
  },
  mistral: (w) => {
    const v = w.filter((x) => x !== "mistral" && x !== "model");
    const head = v[0];
    if (head === "doc" && v[1] === "ai") return join(["mistral-document-ai", ...v.slice(2)]);
    if (head === "ocr") return join(["mistral-ocr", ...v.slice(1)]);
    if (head === "mnstrl" || head === "ministral") return join(["ministral", ...v.slice(1)]);
    if (head === "codestral") return join(v);
    const mm = /^mm(\d+(\.\d+)?)$/.exec(head ?? "");
    if (mm) return join(["mistral-medium", mm[1], ...v.slice(1)]);
    return join(["mistral", ...v]);
  },
  llama: (w) => {
    const glued = /^llama(\d.*)$/.exec(w[0] ?? "");
    const v = (glued ? w.slice(1) : w).filter((x) => x !== "llama" && x !== "meta" && x !== "instruct");
    return join(["llama", ...(glued ? [glued[1]] : []), ...v]);
  },
  phi: phiKey,
  cohere: (w) => join(["cohere", ...w.filter((x) => !["cohere", "img", "txt", "image", "text", "search"].includes(x))]),
  "managed-compute": () => "managed-compute",
};

function phiKey(w: string[]): string | null {
  const v = w.filter((x) => x !== "phi");
  if (!v.length || !isVersion(v[0])) return null;
  const out = ["phi", v[0]];
  let rest = v
    .slice(1)
    .map((x) => (x === "v" ? "vision" : x === "mm" ? "multimodal" : x))
    .filter((x) => x !== "audio");
  // "Phi-4-Mini MM" is Phi-4-multimodal-instruct (built on Phi-4-mini).
  if (rest[0] === "mini" && rest[1] === "multimodal") rest = rest.slice(1);
  // Phi-3.5 comes in one context length only: "Phi-3.5-Mini-128K" and "Phi-3.5-Mini" are one model.
  const words = v[0] === "3.5" ? rest.filter((x) => !/^\d+k$/.test(x)) : rest;
  out.push(...words.filter((x) => x !== "instruct"));
  // Catalog names: Phi-3-*-instruct, Phi-3.5-*-instruct, Phi-4-mini-instruct, Phi-4-multimodal-instruct;
  // Phi-4 and the reasoning models carry no "instruct".
  const instruct = v[0].startsWith("3") || (v[0] === "4" && /^(mini|multimodal)$/.test(words[0] ?? "") && !words.includes("reasoning"));
  return join(instruct ? [...out, "instruct"] : out);
}

// OpenAI meters abbreviate freely: "gpt rt aud mn", "gpt4omini-aud1217", "5.1 codex max", "Image 2".
const OPENAI_SYNONYMS: Record<string, string> = {
  rt: "realtime",
  rtime: "realtime",
  tcrb: "transcribe",
  trscb: "transcribe",
  mn: "mini",
  trb: "turbo",
};
const MODALITY = new Set([
  "aud",
  "audio",
  "txt",
  "text",
  "img",
  "image",
  "video",
  "second",
  "images",
  "characters",
  "calls",
  "session",
  "gb",
  "prvw",
  "preview",
]);
const SORA_TIERS = /^(\d+p|sq|\d+-\d+s|\d+s|high|res)$/;

function openaiKey(input: string[]): string | null {
  let w = input.filter((x) => x !== "az").map((x) => OPENAI_SYNONYMS[x] ?? x);
  const [a, b] = w;
  if (a === "image" && (b === "dall" || b === "dall-e")) w = w.slice(1);
  if (w[0] === "dall" && w[1] === "e") return join(["dall-e", w[2]]);
  if (a === "image" && b && isVersion(b)) return join(["gpt-image", b]);
  // Sora meters add resolution and clip length ("Sora 1080p 1-5s"); "Sora 2" is the version.
  if (a === "sora")
    return join(["sora", ...w.slice(1).filter((x, i) => (i === 0 ? isVersion(x) : !/^\d/.test(x)) && !SORA_TIERS.test(x) && !MODALITY.has(x))]);
  if (a === "speech") {
    if (w.includes("whisper")) return "whisper";
    if (w.includes("speech") && w.includes("to") && w.indexOf("text") < w.indexOf("speech", 1)) return w.includes("hd") ? "tts-hd" : "tts";
    return null;
  }
  if (a === "assistants" && b === "file") return "assistants-file-search";
  if (a === "code" && b === "interpreter") return "code-interpreter";
  if (a === "file" && b === "search") return "file-search";
  if (a === "computer" && b === "use") return "computer-use";
  if (a === "embedding" && b === "ada") return "text-embedding-ada-002";
  if ((a === "text" && b === "embedding") || a === "embedding") {
    const v = w.slice(a === "text" ? 2 : 1).filter((x) => x !== "grader");
    return join(["text-embedding", ...v]);
  }
  if (a === "babbage" || a === "davinci") return join([a, b]);
  if (a === "chat" && b === "latest") return "gpt-chat-latest";
  if (a === "oss" || (/^\d+b$/.test(a ?? "") && w.length === 1)) return join(["gpt-oss", ...w.filter((x) => x !== "oss")]);
  if (/^o\d$/.test(a ?? "") || (a === "codex" && b === "mini")) return join(w.filter((x) => !MODALITY.has(x) || x === "preview"));
  if (a === "gpt" && b === "oss") return join(w);
  if (a === "gpt" && b === "latest") return "gpt-latest";
  if (a === "gpt" || isVersion(a ?? "")) return gptKey(a === "gpt" ? w.slice(1) : w);
  return null;
}

// "gpt" + version + variant words; audio/image right after the version name the model (gpt-audio,
// gpt-4o-audio, gpt-image-1), anywhere else they are the billed modality (realtime audio input).
function gptKey(w: string[]): string | null {
  const out = ["gpt"];
  let i = 0;
  if (w[0] === "aud" || w[0] === "audio") {
    out.push("audio");
    i = 1;
  } else if (w[0] === "img" || w[0] === "image") {
    out.push("image");
    i = 1;
  }
  let named = false;
  for (; i < w.length; i++) {
    const x = w[i];
    if (/^\d+(\.\d+)?$/.test(x) && out.length === 1) {
      out.push(x === "3.5" ? "35" : x);
      continue;
    }
    if (x === "4o" || x === "4" || x === "35") {
      out.push(x);
      continue;
    }
    if ((x === "aud" || x === "audio") && !named && /^(4o|mini)$/.test(out[out.length - 1])) {
      out.push("audio");
      continue;
    }
    if (x === "d" && out[out.length - 1] === "transcribe") {
      out.push("diarize");
      continue;
    }
    if (MODALITY.has(x)) continue;
    if (x === "turbo") {
      out.push("turbo");
      continue;
    }
    if (/^\d+k$/.test(x)) {
      // gpt-4-32k and gpt-35-turbo-16k are model names; 4k/8k/128k are the base model's context.
      if (x === "16k" || (x === "32k" && out[1] === "4")) out.push(x);
      continue;
    }
    if (
      [
        "realtime",
        "transcribe",
        "tts",
        "chat",
        "codex",
        "pro",
        "nano",
        "mini",
        "max",
        "vision",
        "luna",
        "sol",
        "terra",
        "instruct",
        "oss",
        "translate",
        "whisper",
      ].includes(x)
    ) {
      named ||= ["realtime", "transcribe", "tts", "translate", "whisper"].includes(x);
      out.push(x);
      continue;
    }
    if (/^\d+(\.\d+)?$/.test(x) && out.length >= 2) {
      out.push(x);
      continue;
    }
    return null;
  }
  return out.length > 1 ? join(out) : null;
}
