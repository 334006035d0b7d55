// Gives each distinct value of one CSV column a small integer id, straight from its bytes.
// A column has few distinct values (meters, resources, days), so its table stays in CPU cache
// and rows can then be keyed by a handful of ints. Must not import platform SDKs.
import { fieldText } from "./values.js";

const FNV_PRIME = 0x01000193;

export class FieldInterner {
  /** hash -> first id with that hash; further ids with the same hash live in `collisions`. */
  private readonly byHash = new Map<number, number>();
  private readonly collisions = new Map<number, number[]>();
  private readonly raw: Buffer[] = [];
  private readonly flags: number[] = [];
  private readonly texts: (string | undefined)[] = [];

  /**
   * The id of the value in buf[s..e) (quote flag as the scanner gave it), new or existing.
   * `bytesHash` is hashBytes(buf, s, e), which the scanner computed while reading the field.
   */
  intern(buf: Buffer, s: number, e: number, flag: number, bytesHash: number): number {
    const h = Math.imul(bytesHash ^ flag, FNV_PRIME);
    const first = this.byHash.get(h);
    if (first !== undefined) {
      if (this.matches(first, buf, s, e, flag)) return first;
      const more = this.collisions.get(h);
      if (more) for (const id of more) if (this.matches(id, buf, s, e, flag)) return id;
    }
    const id = this.raw.length;
    this.raw.push(Buffer.from(buf.subarray(s, e)));
    this.flags.push(flag);
    this.texts.push(undefined);
    if (first === undefined) this.byHash.set(h, id);
    else {
      const more = this.collisions.get(h);
      if (more) more.push(id);
      else this.collisions.set(h, [id]);
    }
    return id;
  }

  /** The decoded text of an id (UTF-8, "" escapes undone, bare NULL empty, trimmed). */
  text(id: number): string {
    let t = this.texts[id];
    if (t === undefined) {
      const b = this.raw[id];
      t = fieldText(b, 0, b.length, this.flags[id]).trim();
      this.texts[id] = t;
    }
    return t;
  }

  /** The raw bytes of an id as latin1 (for short ASCII values such as dates). */
  latin1(id: number): string {
    return this.raw[id].toString("latin1");
  }

  private matches(id: number, buf: Buffer, s: number, e: number, flag: number): boolean {
    const b = this.raw[id];
    if (b.length !== e - s || this.flags[id] !== flag) return false;
    for (let i = 0; i < b.length; i++) if (b[i] !== buf[s + i]) return false;
    return true;
  }
}
