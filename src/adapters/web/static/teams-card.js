// The Teams rendering: Microsoft's adaptivecards renderer (UMD bundle, global `AdaptiveCards`) with a
// Teams-like host config; Action.Submit with data.costbot asks that command, as the Teams adapter does.

const font = "'Segoe UI', system-ui, -apple-system, sans-serif";
const colors = (fg, subtle) => ({
  default: { default: fg, subtle },
  dark: { default: "#242424", subtle: "#616161" },
  light: { default: "#FFFFFF", subtle: "#EDEDED" },
  accent: { default: "#5B5FC7", subtle: "#7F85F5" },
  good: { default: "#237B4B", subtle: "#3C9D5D" },
  warning: { default: "#835C00", subtle: "#A37A00" },
  attention: { default: "#C4314B", subtle: "#D1495F" },
});

const HOST_CONFIG = {
  fontFamily: font,
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E0E0E0" },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: { backgroundColor: "#FFFFFF", foregroundColors: colors("#242424", "#616161") },
    emphasis: { backgroundColor: "#F5F5F5", foregroundColors: colors("#242424", "#616161") },
    warning: { backgroundColor: "#FBF6D9", foregroundColors: colors("#242424", "#616161") },
    good: { backgroundColor: "#E7F2DA", foregroundColors: colors("#242424", "#616161") },
    attention: { backgroundColor: "#FCF4F6", foregroundColors: colors("#242424", "#616161") },
    accent: { backgroundColor: "#E8EBFA", foregroundColors: colors("#242424", "#616161") },
  },
  actions: {
    maxActions: 6,
    spacing: "default",
    buttonSpacing: 8,
    actionsOrientation: "horizontal",
    actionAlignment: "left",
    showCard: { actionMode: "inline" },
  },
  table: { cellSpacing: 6 },
};

const escapeHtml = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The little Markdown Teams applies to TextBlocks (bold, italic), on escaped text only. */
function markdown(text, result) {
  result.outputHtml = escapeHtml(text)
    .replace(/\*\*(\S(?:[^*]*\S)?)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|\s)_(\S(?:[^_]*\S)?)_(?=\s|$)/g, "$1<em>$2</em>")
    .replace(/\n/g, "<br>");
  result.didProcess = true;
}

/** The card as Teams would draw it; without the renderer (not installed), its JSON. */
export function renderTeamsCard(card, onCommand) {
  const AC = window.AdaptiveCards;
  if (!AC) {
    const pre = document.createElement("pre");
    pre.className = "card-json";
    pre.textContent = JSON.stringify(card, null, 2);
    return pre;
  }
  AC.AdaptiveCard.onProcessMarkdown = markdown;
  const adaptive = new AC.AdaptiveCard();
  adaptive.hostConfig = new AC.HostConfig(HOST_CONFIG);
  adaptive.onExecuteAction = (action) => {
    const command = action instanceof AC.SubmitAction ? action.data?.costbot : undefined;
    if (typeof command === "string") onCommand(command, action.title ?? "");
  };
  // Teams' own chart elements are unknown here; the card's `fallback` (a sparkline) stands in.
  adaptive.parse(card);
  const node = adaptive.render() ?? document.createElement("div");
  node.classList.add("teams-card");
  return node;
}
