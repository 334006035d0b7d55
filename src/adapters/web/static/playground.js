// The playground page: a chat box whose answers show the Teams card and the Slack message side by
// side, a digest preview and the store's budgets and subscriptions. Talks only to /playground/api.
import { renderSlackMessage } from "./slack-preview.js";
import { renderTeamsCard } from "./teams-card.js";

const API = "/playground/api";
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const locale = navigator.language;
const $ = (id) => document.getElementById(id);
const el = (tag, className, children = []) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
};

async function ask(text) {
  const res = await fetch(`${API}/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text, tz: zone, locale }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ?? `The server answered ${res.status}.`);
  return body;
}

/** Both renderings of one answer, plus its text and JSON for the curious. */
function answerView(answer, onCommand) {
  const pane = (platform, title, content) => el("section", `pane ${platform}`, [el("h3", "", [title]), el("div", "frame", [content])]);
  const details = el("details", "raw", [
    el("summary", "", ["Plain text and JSON report"]),
    el("pre", "text", [answer.text]),
    el("pre", "json", [JSON.stringify(answer.report, null, 2)]),
  ]);
  const teams = pane("teams", "Microsoft Teams", renderTeamsCard(answer.teams, onCommand));
  const slack = pane("slack", "Slack", renderSlackMessage(answer.slack, onCommand));
  return el("div", "answer", [el("div", "panes", [teams, slack]), details]);
}

/** One question and its answer; a button pressed in either card replaces the answer in place. */
function addTurn(text) {
  const asked = el("p", "asked", [text]);
  const note = el("p", "pressed");
  const body = el("div", "body");
  const turn = el("article", "turn", [el("div", "question", [asked]), note, body]);
  $("turns").append(turn);
  const run = async (words) => {
    turn.dataset.state = "loading";
    body.replaceChildren(el("p", "thinking", ["Thinking…"]));
    try {
      const answer = await ask(words);
      turn.dataset.kind = answer.report.kind;
      body.replaceChildren(
        answerView(answer, (command, label) => {
          note.textContent = `Pressed “${label}” → asked “${command}”`;
          void run(command);
        }),
      );
    } catch (err) {
      turn.dataset.kind = "failed";
      body.replaceChildren(el("p", "failed", [String(err.message ?? err)]));
    }
    turn.dataset.state = "done";
    turn.scrollIntoView({ block: "start", behavior: "smooth" });
    void refreshState();
  };
  void run(text);
}

function table(headers, rows, empty) {
  if (!rows.length) return el("p", "empty", [empty]);
  return el("table", "", [
    el("thead", "", [
      el(
        "tr",
        "",
        headers.map((h) => el("th", "", [h])),
      ),
    ]),
    el(
      "tbody",
      "",
      rows.map((r) =>
        el(
          "tr",
          "",
          r.map((c) => el("td", "", [c ?? ""])),
        ),
      ),
    ),
  ]);
}

async function refreshState() {
  const res = await fetch(`${API}/state`);
  if (!res.ok) return;
  const s = await res.json();
  const who = s.user.admin ? "you are an admin here" : "read-only: budget and digest commands are refused";
  $("status").textContent = `Answering from ${s.source} · store: ${s.store ?? "none"} · ${who}`;
  const p = s.digestPreview;
  $("digest").replaceChildren(
    el("h3", "digest-heading", [p.heading]),
    el("p", "note", [p.note]),
    answerView(p, (command) => addTurn(command)),
  );
  $("budgets").replaceChildren(
    table(
      ["Where", "Name", "Amount", "Period", "Only", "Alerts at"],
      s.budgets.map((b) => [
        b.target,
        b.name,
        b.amount,
        b.period,
        [b.model, b.channel].filter(Boolean).join(", ") || "all",
        b.thresholds.map((t) => `${t}%`).join(" "),
      ]),
      "No budgets yet. Try “budget set 500 weekly”.",
    ),
  );
  $("digests").replaceChildren(
    table(
      ["Where", "When", "Zone", "Next"],
      s.digests.map((d) => [
        d.target,
        `${d.cadence}${d.weekday ? ` (day ${d.weekday})` : ""} ${d.time}`,
        d.tz,
        d.next ? new Date(d.next).toLocaleString() : "–",
      ]),
      "No digest subscriptions yet. Try “digest daily 09:00 Europe/Paris”.",
    ),
  );
  $("targets").replaceChildren(
    table(
      ["Platform", "Place", "State"],
      s.targets.map((t) => [t.platform, t.label, t.disabled ? `stopped: ${t.disabled}` : "active"]),
      s.store ? "None yet: places appear when the bot is used there." : "No store is connected.",
    ),
  );
}

$("ask").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("question").value.trim();
  if (!text) return;
  $("question").value = "";
  addTurn(text);
});
for (const b of $("examples").querySelectorAll("button")) b.addEventListener("click", () => addTurn(b.textContent));
void refreshState();
$("question").focus();
