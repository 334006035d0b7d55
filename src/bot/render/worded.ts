// A card in words, platform-neutral: a feature says what its card says (the digest: src/digests/
// card.ts) and worded-slack.ts, worded-teams.ts and worded-text.ts draw it within each platform's
// limits and escaping. Plain text throughout (renderers escape). Pure; imports nothing.

/** How a line reads: spend rising (bad), falling (good) or steady; quiet; a note; a warning. */
export type Tone = "rise" | "fall" | "steady" | "subtle" | "info" | "warning";

export interface WordedLine {
  text: string;
  tone: Tone;
}

/** A label and its value; `detail` follows the value ("Prepayment eligible"). */
export interface WordedField {
  label: string;
  value: string;
  detail?: string;
  /** A second line of the field, named where a platform lists it on its own (Teams' facts). */
  more?: { label: string; text: string };
}

export interface WordedList {
  title: string;
  /** `mark` flags an item against a limit; a list whose items have none shows no marks. */
  items: Array<{ text: string; mark?: "over" | "near" | "ok" }>;
}

export interface WordedCard {
  title: string;
  /** One line: notification text (Slack's `text`, Teams' message text). */
  headline: string;
  /** The big number, its comparisons (first one toned by the change) and its parts. */
  figure: { label: string; value: string; notes: WordedLine[]; parts: WordedField[] };
  fields: WordedField[];
  lists: WordedList[];
  /** Lines under the card (tone info or warning); chat cards show the first five info notes. */
  notes: WordedLine[];
  freshness: string;
  warnings: string[];
}

/** The notes a chat card shows: the first `max` info notes (the text lists all) and every other note. */
export function chatNotes(notes: WordedLine[], max = 5): WordedLine[] {
  let info = 0;
  return notes.filter((n) => n.tone !== "info" || info++ < max);
}
