// Slack mrkdwn -> DOM nodes, the way Slack's client shows it: *bold*, _italic_, ~strike~, `code`,
// ```blocks```, > quotes, <links|labels>, :emoji: and the &amp; &lt; &gt; entities. Never innerHTML.

const EMOJI = {
  warning: "⚠️",
  white_check_mark: "✅",
  x: "❌",
  information_source: "ℹ️",
  bell: "🔔",
  moneybag: "💰",
  chart_with_upwards_trend: "📈",
  chart_with_downwards_trend: "📉",
  calendar: "📅",
  date: "📅",
  clock9: "🕘",
  hourglass: "⌛",
  rotating_light: "🚨",
  memo: "📝",
  mag: "🔍",
  arrow_up: "⬆️",
  arrow_down: "⬇️",
  heavy_check_mark: "✔️",
  no_entry: "⛔",
  bar_chart: "📊",
  small_red_triangle: "🔺",
  small_red_triangle_down: "🔻",
  sparkles: "✨",
  tada: "🎉",
  red_circle: "🔴",
  large_orange_circle: "🟠",
  large_yellow_circle: "🟡",
  large_green_circle: "🟢",
  green_circle: "🟢",
  white_circle: "⚪",
  black_circle: "⚫",
  large_blue_circle: "🔵",
  fire: "🔥",
};

/** Plain text as Slack shows it: entities decoded and known :emoji: codes drawn. */
export function slackPlain(text, emoji = true) {
  const decoded = text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return emoji ? decoded.replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] ?? m) : decoded;
}

const MARKS = { "*": "strong", _: "em", "~": "del" };
const WORDY = /[\p{L}\p{N}]/u;

/** Where the closing `mark` of a span opened at `start` is, or -1 (Slack's word-boundary rules). */
function closing(text, start, mark) {
  if (start > 0 && WORDY.test(text[start - 1])) return -1;
  if (!text[start + 1] || /\s/.test(text[start + 1]) || text[start + 1] === mark) return -1;
  for (let j = start + 2; j < text.length; j++) {
    if (text[j] === "\n") return -1;
    if (text[j] === mark && !/\s/.test(text[j - 1]) && !(text[j + 1] && WORDY.test(text[j + 1]))) return j;
  }
  return -1;
}

/** `<https://x|label>`, `<@U1>`, `<#C1|general>`, `<!here>`: a link or a highlighted mention. */
function special(inner) {
  const [target, label] = inner.split("|", 2);
  if (/^(https?:|mailto:)/.test(target)) {
    const a = document.createElement("a");
    a.href = slackPlain(target, false);
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    a.textContent = slackPlain(label ?? target, false);
    return a;
  }
  const span = document.createElement("span");
  span.className = "sk-mention";
  const words = { "!here": "@here", "!channel": "@channel", "!everyone": "@everyone" };
  span.textContent = label
    ? target.startsWith("#")
      ? `#${label}`
      : `@${label}`
    : (words[target] ?? (target[0] === "#" ? target : `@${target.slice(1)}`));
  return span;
}

/** Appends the inline formatting of one stretch of mrkdwn (no code fences) to `parent`. */
function inline(text, parent) {
  let plain = "";
  const flush = () => {
    if (plain) parent.append(document.createTextNode(slackPlain(plain)));
    plain = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "<" && text.indexOf(">", i) > i) {
      const end = text.indexOf(">", i);
      flush();
      parent.append(special(text.slice(i + 1, end)));
      i = end;
    } else if (c === "`" && text.indexOf("`", i + 1) > i + 1) {
      const end = text.indexOf("`", i + 1);
      flush();
      const code = document.createElement("code");
      code.textContent = slackPlain(text.slice(i + 1, end), false);
      parent.append(code);
      i = end;
    } else if (c in MARKS && closing(text, i, c) > 0) {
      const end = closing(text, i, c);
      flush();
      const el = document.createElement(MARKS[c]);
      inline(text.slice(i + 1, end), el);
      parent.append(el);
      i = end;
    } else if (c === "\n") {
      flush();
      parent.append(document.createElement("br"));
    } else {
      plain += c;
    }
  }
  flush();
}

/** The nodes Slack would show for a mrkdwn string. */
export function mrkdwn(text) {
  const out = document.createDocumentFragment();
  text.split("```").forEach((part, n) => {
    if (n % 2 === 1) {
      const pre = document.createElement("pre");
      pre.textContent = slackPlain(part.replace(/^\n|\n$/g, ""), false);
      out.append(pre);
      return;
    }
    // A literal ">" (not the escaped &gt; data carries) at a line start quotes that line.
    let para = "";
    const emit = () => {
      if (para) inline(para.replace(/\n$/, ""), out);
      para = "";
    };
    for (const line of part.split(/(?<=\n)/)) {
      if (line.startsWith(">")) {
        emit();
        const q = document.createElement("blockquote");
        inline(line.replace(/^> ?/, "").replace(/\n$/, ""), q);
        out.append(q);
      } else para += line;
    }
    emit();
  });
  return out;
}
