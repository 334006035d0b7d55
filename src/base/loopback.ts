// What counts as "this machine": loopback host names and addresses, for the development-only
// routes (Teams local mode, the playground). Pure; must not know any platform.
import { isIP } from "node:net";

/** localhost, 127.0.0.0/8 and ::1 (with or without brackets), as a URL or Host header spells them. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
  if (h === "localhost") return true;
  return isLoopbackAddress(h);
}

/** A socket's remote address on loopback (IPv4, IPv6, or IPv4 mapped into IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^::ffff:/, "");
  if (isIP(a) === 4) return a.startsWith("127.");
  return a === "::1" || a === "0:0:0:0:0:0:0:1";
}

/** Splits a Host header into name and port ("[::1]:3978" -> ["::1", 3978]); null when malformed. */
export function parseHostHeader(host: string | undefined): { name: string; port: number | null } | null {
  if (!host) return null;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!m) return null;
  return { name: m[1].replace(/^\[(.*)\]$/, "$1").toLowerCase(), port: m[2] === undefined ? null : Number(m[2]) };
}
