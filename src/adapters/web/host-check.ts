// Against DNS rebinding: the playground answers only a Host naming this server — a loopback name, the
// address it is bound to, or (bound to every interface) one of this machine's addresses — with the
// port it listens on. A rebound name (rebind.example) never matches, whatever Origin it sends.
import type { IncomingMessage } from "node:http";
import { networkInterfaces } from "node:os";
import { isLoopbackHostname, parseHostHeader } from "../../base/loopback.js";

const WILDCARDS = new Set(["0.0.0.0", "::", "[::]", ""]);

/** `bound` is the configured bind address; `port` reads the port the server actually listens on. */
export function createHostCheck(bound: string, port: () => number): (req: IncomingMessage) => boolean {
  const boundName = bound.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  const ownAddress = (name: string) =>
    WILDCARDS.has(boundName)
      ? Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address.toLowerCase() === name))
      : name === boundName;
  return (req) => {
    const host = parseHostHeader(req.headers.host);
    if (!host) return false;
    // No port in Host means the scheme's default, 80 for plain http.
    if ((host.port ?? 80) !== port()) return false;
    return isLoopbackHostname(host.name) || ownAddress(host.name);
  };
}
