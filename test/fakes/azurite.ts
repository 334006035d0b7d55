// Starts the Azurite blob emulator (npm `azurite`) on a free port, in memory, for one test file;
// waits until it says it listens (its own startup line), never a fixed sleep. Flags per
// test/fixtures/reference/azure-storage-exports/LAYOUT.md §5.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface Azurite {
  /** Blob endpoint, e.g. http://127.0.0.1:41961/devstoreaccount1 */
  blobUrl: string;
  connectionString: string;
  stop(): Promise<void>;
}

export async function startAzurite(): Promise<Azurite> {
  const pkg = dirname(createRequire(import.meta.url).resolve("azurite/package.json"));
  const args = [
    "--blobHost",
    "127.0.0.1",
    "--blobPort",
    "0",
    "--inMemoryPersistence",
    "--silent",
    "--loose",
    "--disableTelemetry",
    "--skipApiVersionCheck",
  ];
  const child: ChildProcess = spawn(process.execPath, [join(pkg, "dist/src/blob/main.js"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`azurite exited (${code}) before listening: ${out}`)));
    child.once("error", reject);
  });
  const blobUrl = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  return {
    blobUrl,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${blobUrl};`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
