// Byte-level CSV scanner (RFC 4180: quotes, "" escapes, embedded commas/newlines, CRLF, BOM) that
// hands out byte offsets of only the columns asked for, so rows are never turned into strings.
// Pure Node Buffers; must not import anything cost- or platform-specific.

/**
 * Per-record field positions, indexed by slot. `flags`: 0 plain, 1 quoted, 2 quoted with ""
 * escapes. `hashes`: hashBytes() of the raw field bytes, for slots the header handler marked.
 */
export interface FieldSpans {
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  hashes: Int32Array;
}

/** What the header handler wants: column index -> slot (-1 = skip), slot count, slots to hash. */
export interface SlotPlan {
  slotOf: Int32Array;
  slots: number;
  hashed?: Uint8Array;
}

/** Receives the header names; returns which columns to hand out. */
export type HeaderHandler = (names: string[]) => SlotPlan;
/** Called once per data record; `buf` and `spans` are only valid during the call. */
export type RecordHandler = (buf: Buffer, spans: FieldSpans, rowNumber: number) => void;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of buf[s..e): what `hashes` holds, computed while scanning so bytes are read once. */
export function hashBytes(buf: Buffer, s: number, e: number): number {
  let h = FNV_OFFSET;
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], FNV_PRIME);
  return h;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
/** Bytes of a new chunk joined to a cut record: far more than one export row needs. */
const JOIN_WINDOW = 1 << 16;

export class CsvScanner {
  private tail: Buffer | null = null;
  private slotOf: Int32Array | null = null;
  private hashed: Uint8Array = new Uint8Array(0);
  private spans: FieldSpans = emptySpans(0);
  /** Bytes pushed so far; the tail is always their last `tail.length` bytes. */
  private received = 0;
  /** Stream offset of byte 0 of the buffer being scanned. */
  private base = 0;
  /** Data records seen so far (header excluded). */
  rows = 0;
  /** Records starting at or after this stream offset are left unread (the end of a byte range). */
  stopAt = Infinity;
  /** Stream offset of the first record left unread because of `stopAt`; -1 until that happens. */
  stoppedAt = -1;

  constructor(
    private readonly onHeader: HeaderHandler,
    private readonly onRecord: RecordHandler,
  ) {}

  /** True once a header record has been read. */
  get sawHeader(): boolean {
    return this.slotOf !== null;
  }

  /** Starts with known column names instead of reading a header (a byte range after the first). */
  useHeader(names: string[]): void {
    this.applyPlan(this.onHeader(names));
  }

  /**
   * Where the records read end, as a stream offset: the first record left unread because of
   * `stopAt`, else (after end()) the stream's length.
   */
  get endOffset(): number {
    return this.stoppedAt >= 0 ? this.stoppedAt : this.received;
  }

  push(chunk: Buffer): void {
    if (this.stoppedAt >= 0) return;
    const at = this.received;
    this.received += chunk.length;
    let buf = chunk;
    let from = 0;
    this.base = at;
    if (this.tail) {
      // Finish the record cut at the previous chunk's end from a small joined window, then scan
      // the chunk itself in place: copying every chunk onto the tail would copy the whole file.
      const carry = this.tail;
      const joined = Buffer.concat([carry, chunk.subarray(0, Math.min(chunk.length, JOIN_WINDOW))]);
      this.base = at - carry.length;
      const used = this.consume(joined, 0, 1);
      if (this.stoppedAt >= 0) {
        this.tail = null;
        return;
      }
      if (used > carry.length) {
        from = used - carry.length;
        this.base = at;
      } else if (joined.length - carry.length < chunk.length) {
        buf = Buffer.concat([carry, chunk]);
      } else {
        this.tail = used < joined.length ? joined.subarray(used) : null;
        return;
      }
    }
    const rest = this.consume(buf, from, Infinity);
    this.tail = rest < buf.length && this.stoppedAt < 0 ? Buffer.from(buf.subarray(rest)) : null;
  }

  /** Flushes a last record that has no trailing newline. */
  end(): void {
    if (!this.tail || this.stoppedAt >= 0) return;
    const buf = Buffer.concat([this.tail, Buffer.from("\n")]);
    this.base = this.received - this.tail.length;
    this.tail = null;
    this.consume(buf, 0, Infinity);
  }

  private consume(buf: Buffer, from: number, maxRecords: number): number {
    let pos = from;
    if (!this.slotOf) {
      const header = readHeader(buf);
      if (!header) return 0;
      this.applyPlan(this.onHeader(header.names));
      pos = header.next;
      if (maxRecords === 1) return pos;
    }
    return this.scan(buf, pos, maxRecords);
  }

  private applyPlan(plan: SlotPlan): void {
    this.slotOf = plan.slotOf;
    this.spans = emptySpans(plan.slots);
    this.hashed = plan.hashed ?? new Uint8Array(plan.slots);
  }

  /** The hot loop: returns the offset of the first incomplete (or, at stopAt, unread) record. */
  private scan(buf: Buffer, from: number, maxRecords: number): number {
    const n = buf.length;
    const slotOf = this.slotOf!;
    const nCols = slotOf.length;
    const { starts, ends, flags, hashes } = this.spans;
    const hashed = this.hashed;
    const nSlots = starts.length;
    let recStart = from;
    let done = 0;
    const stop = this.stopAt - this.base;
    while (recStart < n && done < maxRecords) {
      if (recStart >= stop) {
        this.stoppedAt = this.base + recStart;
        return recStart;
      }
      // Short rows leave missing columns empty rather than stale.
      for (let s = 0; s < nSlots; s++) {
        starts[s] = 0;
        ends[s] = 0;
        flags[s] = 0;
        hashes[s] = FNV_OFFSET;
      }
      let i = recStart;
      let col = 0;
      let c = 0;
      let firstEmpty = false;
      for (;;) {
        let fs = i;
        let fe: number;
        let fl = 0;
        const slot = col < nCols ? slotOf[col] : -1;
        const hashing = slot >= 0 && hashed[slot] === 1;
        let h = FNV_OFFSET;
        if (i < n && buf[i] === QUOTE) {
          let j = i + 1;
          fl = 1;
          for (;;) {
            while (j < n && buf[j] !== QUOTE) j++;
            // A quote at the very end may be the first half of an escape: wait for more bytes.
            if (j + 1 >= n) return recStart;
            if (buf[j + 1] !== QUOTE) break;
            fl = 2;
            j += 2;
          }
          fs = i + 1;
          fe = j;
          i = j + 1;
          while (i < n && buf[i] !== COMMA && buf[i] !== LF) i++;
          if (hashing) h = hashBytes(buf, fs, fe);
        } else if (hashing) {
          while (i < n) {
            c = buf[i];
            if (c === COMMA || c === LF) break;
            h = Math.imul(h ^ c, FNV_PRIME);
            i++;
          }
          fe = i;
        } else {
          while (i < n) {
            c = buf[i];
            if (c === COMMA || c === LF) break;
            i++;
          }
          fe = i;
        }
        if (i >= n) return recStart;
        c = buf[i];
        if (c === LF && fl === 0 && fe > fs && buf[fe - 1] === CR) {
          fe--;
          if (hashing) h = hashBytes(buf, fs, fe);
        }
        if (col === 0) firstEmpty = fe === fs && fl === 0;
        if (slot >= 0) {
          starts[slot] = fs;
          ends[slot] = fe;
          flags[slot] = fl;
          hashes[slot] = h;
        }
        col++;
        i++;
        if (c === LF) break;
      }
      if (!(col === 1 && firstEmpty)) this.onRecord(buf, this.spans, ++this.rows);
      recStart = i;
      done++;
    }
    return recStart;
  }
}

/** Parses the first record into names (BOM stripped); null when the buffer holds no full record yet. */
function readHeader(buf: Buffer): { names: string[]; next: number } | null {
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const names: string[] = [];
  let start = bom ? 3 : 0;
  let quoted = false;
  for (let i = start; i < buf.length; i++) {
    const c = buf[i];
    if (quoted) {
      if (c !== QUOTE) continue;
      if (i + 1 >= buf.length) return null;
      if (buf[i + 1] === QUOTE) i++;
      else quoted = false;
    } else if (c === QUOTE) {
      quoted = true;
    } else if (c === COMMA || c === LF) {
      names.push(unquote(buf.toString("utf8", start, i)));
      start = i + 1;
      if (c === LF) return { names, next: i + 1 };
    }
  }
  return null;
}

function unquote(raw: string): string {
  const t = raw.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1).replaceAll('""', '"').trim() : t;
}

function emptySpans(n: number): FieldSpans {
  return { starts: new Int32Array(n), ends: new Int32Array(n), flags: new Uint8Array(n), hashes: new Int32Array(n) };
}
