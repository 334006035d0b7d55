import { afterEach, describe, expect, it } from "vitest";
import { createSlackNotifier } from "../../../src/adapters/slack/notify.js";
import type { Report } from "../../../src/bot/report.js";
import { silentLogger } from "../../../src/log.js";
import { NotifyError } from "../../../src/schedule/notifier.js";
import type { Target } from "../../../src/store/types.js";
import { checkBlocks, startFakeSlack, type FakeSlack } from "../../fakes/slack-api.js";

const TOKEN = "xoxb-notify";
const report: Report = { kind: "error", message: "Budget <!channel> check", hint: "a hint" };
const target = (address: string): Target => ({
  id: "t1",
  platform: "slack",
  address,
  reference: null,
  meta: {},
  createdAt: new Date(),
  updatedAt: new Date(),
});

let slack: FakeSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

describe("createSlackNotifier", () => {
  it("posts the rendered report to the target's channel with the bot token", async () => {
    slack = await startFakeSlack({ botToken: TOKEN });
    await createSlackNotifier({ botToken: TOKEN, apiUrl: slack.apiUrl, logger: silentLogger }).send(target("C0DIGEST"), report);
    const [call] = slack.callsTo("chat.postMessage");
    expect(call.token).toBe(TOKEN);
    expect(call.args.channel).toBe("C0DIGEST");
    expect(checkBlocks(call.args.blocks, 50)).toEqual([]);
    expect(JSON.stringify(call.args)).not.toContain("<!channel>");
  });

  const failures: Array<[string, { channel: string; token?: string; rateLimitAfter?: number }, "permanent" | "transient", string | undefined]> = [
    ["a removed channel as permanent", { channel: "CGONE1" }, "permanent", "channel_not_found"],
    ["a revoked token as permanent", { channel: "C0DIGEST", token: "xoxb-revoked" }, "permanent", "invalid_auth"],
    ["a rate limit as transient", { channel: "C0DIGEST", rateLimitAfter: 30 }, "transient", undefined],
  ];
  it.each(failures)("reports %s", async (_name, o, kind, reason) => {
    slack = await startFakeSlack({ botToken: TOKEN, rateLimitAfter: o.rateLimitAfter });
    const notifier = createSlackNotifier({ botToken: o.token ?? TOKEN, apiUrl: slack.apiUrl, logger: silentLogger });
    const err = await notifier.send(target(o.channel), report).catch((e) => e);
    expect(err).toBeInstanceOf(NotifyError);
    expect(err).toMatchObject({ kind, reason });
  });

  it("reports an unreachable Slack as transient", async () => {
    slack = await startFakeSlack({ botToken: TOKEN });
    const apiUrl = slack.apiUrl;
    await slack.close();
    slack = undefined;
    const err = await createSlackNotifier({ botToken: TOKEN, apiUrl, logger: silentLogger })
      .send(target("C0DIGEST"), report)
      .catch((e) => e);
    expect(err).toMatchObject({ name: "NotifyError", kind: "transient" });
  });
});
