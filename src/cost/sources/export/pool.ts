// Runs scan tasks on this thread and worker threads: each lane takes the next task (in task order)
// when it finishes one. Loads worker.js beside this file, or worker.ts through tsx when running from the
// sources (tsx, vitest). Must not import platform SDKs.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { CostbotError } from "../../errors.js";
import { runTask, type ScanTask, type TaskResult } from "./task.js";
import type { WorkerReply } from "./worker.js";

/**
 * Runs tasks on `lanes` lanes: this thread plus lanes - 1 worker threads (this thread would only
 * wait otherwise, and each extra thread costs tens of MB). Results come in task order. On a task
 * error no further tasks start; the error of the earliest failed task is thrown once the running
 * ones finish, as reading the tasks in order would have.
 */
export async function runOnLanes(tasks: ScanTask[], lanes: number): Promise<TaskResult[]> {
  const results: TaskResult[] = new Array(tasks.length);
  const errors = new Map<number, CostbotError>();
  const workers: Worker[] = [];
  let next = 0;
  const lane = async (inThread: boolean) => {
    const worker = inThread ? null : spawn();
    if (worker) workers.push(worker);
    while (next < tasks.length && errors.size === 0) {
      const i = next++;
      const reply = worker ? await ask(worker, tasks[i]) : await runHere(tasks[i]);
      if ("ok" in reply) results[i] = reply.ok;
      else errors.set(i, new CostbotError(reply.error.message, reply.error.code));
    }
  };
  try {
    // Workers take their first task at once; this thread's lane starts last so it cannot take them all.
    const count = Math.min(lanes, tasks.length);
    await Promise.all(Array.from({ length: count }, (_, k) => lane(k === count - 1)));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (errors.size > 0) throw errors.get(Math.min(...errors.keys()))!;
  return results;
}

async function runHere(task: ScanTask): Promise<WorkerReply> {
  try {
    return { ok: await runTask(task) };
  } catch (err) {
    if (err instanceof CostbotError) return { error: { message: err.message, code: err.code } };
    throw err;
  }
}

function spawn(): Worker {
  const here = import.meta.url;
  // A small young generation: the scan makes little garbage, and each MB here is RSS.
  const resourceLimits = { maxYoungGenerationSizeMb: 8 };
  if (!here.endsWith(".ts")) return new Worker(new URL("./worker.js", here), { resourceLimits });
  // From the sources (tsx, vitest): ESM loader hooks do not reach worker threads in Node 20
  // (neither --import nor register() inside the worker), so load the worker through tsx's
  // require hook, which compiles the ESM sources to CommonJS.
  const tsx = createRequire(here).resolve("tsx/cjs/api");
  const entry = fileURLToPath(new URL("./worker.ts", here));
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`, { eval: true, resourceLimits });
}

function ask(worker: Worker, task: ScanTask): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    const onMessage = (reply: WorkerReply) => {
      done();
      resolve(reply);
    };
    const onError = (err: Error) => {
      done();
      reject(new CostbotError(`An export reader thread failed: ${err.message}`, "SOURCE_FAILED", { cause: err }));
    };
    const onExit = (code: number) => {
      done();
      reject(new CostbotError(`An export reader thread stopped (exit code ${code}).`, "SOURCE_FAILED"));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage(task);
  });
}
