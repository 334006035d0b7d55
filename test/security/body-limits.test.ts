// Oversized bodies (issue 11, point 10): every route with a size limit answers 413 as a complete HTTP
// response — the client reads it, and its keep-alive connection carries the next request — instead of
// resetting the connection mid-upload.
import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger } from "../../src/log.js";
import { createAzureAlertsMount } from "../../src/adapters/azure-alerts/mount.js";
import { createSlackMount } from "../../src/adapters/slack/mount.js";
import { createTeamsMount } from "../../src/adapters/teams/mount.js";
import { createPlaygroundMount } from "../../src/adapters/web/mount.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";

let slack: FakeSlack;
let app: RunningApp;

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: "xoxb-limits" });
  const config = {
    ...loadConfig({ ALERT_WEBHOOK_TOKEN: "hook-secret" }),
    host: "127.0.0.1",
    slack: { signingSecret: "limits-secret", botToken: "xoxb-limits", apiUrl: slack.apiUrl },
  };
  const bot = createBot({ costSource: createDemoCostSource({}) });
  const mounts = [createSlackMount(), createTeamsMount(), createAzureAlertsMount(), createPlaygroundMount()];
  app = await startApp({ config, bot, logger: silentLogger, sourceName: "demo data" }, mounts, 0);
});
afterAll(async () => {
  await app.close();
  await slack.close();
});

interface Answer {
  status: number;
  body: string;
  reusedSocket: boolean;
}

/** One request on `agent`, the body written in 64 KiB chunks as a real upload would be. */
function send(agent: Agent, path: string, contentType: string, size: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: app.port, path, method: "POST", agent, headers: { "content-type": contentType, "content-length": size } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, reusedSocket: req.reusedSocket }));
      },
    );
    req.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let left = size;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!req.write(chunk.subarray(0, n))) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe.each([
  ["/slack/events", "application/json", 4 * 1024 * 1024],
  ["/api/messages", "application/json", 1_000_000],
  ["/alerts/azure?token=hook-secret", "application/json", 256_000],
  ["/playground/api/ask", "application/json", 10_000],
])("POST %s", (path, type, limit) => {
  it("answers a body over its limit with a whole 413, and the same connection serves the next request", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(agent, path, type, limit * 2 + 12_345);
      expect(first.status).toBe(413);
      const health = await new Promise<Answer>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port: app.port, path: "/healthz", agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: "", reusedSocket: req.reusedSocket }));
        });
        req.on("error", reject);
        req.end();
      });
      expect(health.status).toBe(200);
      expect(health.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});
