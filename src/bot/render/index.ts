// One import for adapters and the CLI: every renderer takes a platform-neutral Report.
// Must not import any platform SDK: `costbot ask --format slack|teams` runs without them.
export { renderText } from "./text.js";
export { renderJson } from "./json.js";
export { renderSlack } from "./slack.js";
export { renderTeams, TEAMS_MAX_BYTES } from "./teams.js";
