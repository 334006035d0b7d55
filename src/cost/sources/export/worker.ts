// Worker-thread entry for the export source: runs the scan tasks it is sent, one at a time, and
// posts back each result (plain data) or error (message and code). Must not import platform SDKs.
import { parentPort } from "node:worker_threads";
import { CostbotError } from "../../errors.js";
import { runTask, type ScanTask, type TaskResult } from "./task.js";

/** Worker reply for one task. */
export type WorkerReply = { ok: TaskResult } | { error: { message: string; code: string } };

const port = parentPort;
if (port) {
  port.on("message", (task: ScanTask) => {
    runTask(task).then(
      (ok) => port.postMessage({ ok } satisfies WorkerReply),
      (err: unknown) => {
        const code = err instanceof CostbotError ? err.code : "SOURCE_FAILED";
        port.postMessage({ error: { message: (err as Error).message ?? String(err), code } } satisfies WorkerReply);
      },
    );
  });
}
