// A faithful preview of a Slack Block Kit message: header, section (text, fields, button accessory),
// context, divider, actions and image blocks, as Slack's desktop client lays them out.
import { mrkdwn, slackPlain } from "./mrkdwn.js";

const el = (tag, className, children = []) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
};

/** A text object: mrkdwn is formatted, plain_text shown as typed (emoji drawn when asked). */
function textObject(t) {
  if (!t) return document.createTextNode("");
  if (t.type === "mrkdwn") return mrkdwn(t.text);
  return document.createTextNode(slackPlain(t.text, t.emoji !== false));
}

function button(b, onPress) {
  const node = el("button", `sk-button${b.style ? ` sk-${b.style}` : ""}`, [textObject(b.text)]);
  node.type = "button";
  node.dataset.actionId = b.action_id ?? "";
  // The Slack adapter asks the button's value as if it had been typed; so does the page.
  node.addEventListener("click", () => b.value && onPress(b.value, slackPlain(b.text?.text ?? "")));
  return node;
}

function block(b, onPress) {
  switch (b.type) {
    case "header":
      return el("div", "sk-header", [textObject(b.text)]);
    case "section": {
      const parts = [];
      if (b.text) parts.push(el("div", "sk-text", [textObject(b.text)]));
      if (b.fields?.length)
        parts.push(
          el(
            "div",
            "sk-fields",
            b.fields.map((f) => el("div", "sk-field", [textObject(f)])),
          ),
        );
      const body = el("div", "sk-section-body", parts);
      const accessory = b.accessory?.type === "button" ? [el("div", "sk-accessory", [button(b.accessory, onPress)])] : [];
      return el("div", "sk-section", [body, ...accessory]);
    }
    case "context":
      return el(
        "div",
        "sk-context",
        (b.elements ?? []).map((e) => {
          if (e.type === "image") {
            const img = el("img", "sk-context-img");
            img.src = e.image_url;
            img.alt = e.alt_text ?? "";
            return img;
          }
          return el("span", "sk-context-item", [textObject(e)]);
        }),
      );
    case "divider":
      return el("hr", "sk-divider");
    case "actions":
      return el(
        "div",
        "sk-actions",
        (b.elements ?? []).filter((e) => e.type === "button").map((e) => button(e, onPress)),
      );
    case "image": {
      const img = el("img", "sk-image");
      img.src = b.image_url;
      img.alt = b.alt_text ?? "";
      return img;
    }
    default:
      return el("div", "sk-unknown", [document.createTextNode(`(a ${b.type} block: not previewed)`)]);
  }
}

/** The message as it would appear in a channel, posted by the costbot app. */
export function renderSlackMessage(message, onPress) {
  const blocks = message.blocks?.length ? message.blocks.map((b) => block(b, onPress)) : [el("div", "sk-text", [mrkdwn(message.text ?? "")])];
  const time = new Date().toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
  const head = el("div", "sk-meta", [el("b", "", ["costbot"]), el("span", "sk-app", ["APP"]), el("span", "sk-time", [time])]);
  return el("div", "sk-message", [el("div", "sk-avatar", ["$"]), el("div", "sk-body", [head, ...blocks])]);
}
