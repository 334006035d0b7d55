// The playground's files: the page, its scripts and styles, and Microsoft's adaptivecards bundle.
// A fixed list read once at mount (no path from a request ever reaches the file system).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface StaticFile {
  body: Buffer;
  headers: Record<string, string>;
}

/** Where the page loads the adaptivecards UMD bundle from. */
export const ADAPTIVECARDS_PATH = "/playground/vendor/adaptivecards.min.js";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

// The page only talks to its own origin; adaptivecards sets inline styles on what it renders.
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

const PAGES: Array<[path: string, file: string]> = [
  ["/", "index.html"],
  ["/playground/static/playground.js", "playground.js"],
  ["/playground/static/teams-card.js", "teams-card.js"],
  ["/playground/static/slack-preview.js", "slack-preview.js"],
  ["/playground/static/mrkdwn.js", "mrkdwn.js"],
  ["/playground/static/playground.css", "playground.css"],
];

function file(body: Buffer, name: string): StaticFile {
  const ext = name.slice(name.lastIndexOf(".") + 1);
  return {
    body,
    headers: {
      "content-type": TYPES[ext] ?? "application/octet-stream",
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
      ...(ext === "html" ? { "content-security-policy": CSP } : {}),
    },
  };
}

/** The adaptivecards bundle, or a stub that leaves the page to show raw card JSON. */
function adaptiveCardsBundle(): Buffer {
  try {
    const path = createRequire(import.meta.url).resolve("adaptivecards/dist/adaptivecards.min.js");
    return readFileSync(path);
  } catch {
    // Installed without dev dependencies: the page still works, cards show as JSON.
    return Buffer.from("/* adaptivecards is not installed: cards are shown as JSON */\n");
  }
}

export function loadStaticFiles(): Map<string, StaticFile> {
  const dir = new URL("./static/", import.meta.url);
  const files = new Map<string, StaticFile>();
  for (const [path, name] of PAGES) files.set(path, file(readFileSync(new URL(name, dir)), name));
  files.set(ADAPTIVECARDS_PATH, file(adaptiveCardsBundle(), "adaptivecards.min.js"));
  return files;
}
