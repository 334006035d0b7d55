// A recording notifier for budget and spike tests: every report sent, per target address; can be
// told to fail. Platform sends themselves are tested against the Slack fake in test/e2e.
import type { Report } from "../../src/bot/report.js";
import { NotifyError, type Notifier } from "../../src/schedule/notifier.js";
import type { Target } from "../../src/store/types.js";

export interface RecordingNotifier extends Notifier<Report> {
  sent: Array<{ address: string; report: Report }>;
  /** Throw this many transient failures before succeeding. */
  failNext: number;
  titles(address?: string): string[];
}

export function recordingNotifier(): RecordingNotifier {
  const n: RecordingNotifier = {
    sent: [],
    failNext: 0,
    async send(target: Target, report: Report) {
      if (n.failNext > 0) {
        n.failNext--;
        throw new NotifyError("fake 503", "transient");
      }
      n.sent.push({ address: target.address, report });
    },
    titles(address) {
      return n.sent.filter((s) => !address || s.address === address).map((s) => (s.report.kind === "notice" ? s.report.title : s.report.kind));
    },
  };
  return n;
}
