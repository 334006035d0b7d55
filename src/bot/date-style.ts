// The one way costbot writes calendar dates: "27 Nov 2025", "24–27 Nov 2025", "28 Oct – 3 Nov 2025".
// Used by date-word labels and every renderer so a card never mixes styles. Pure; no imports.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y, m, d];
}

/** "27 Nov 2025"; `withYear: false` gives "27 Nov". */
export function formatDate(date: string, withYear = true): string {
  const [y, m, d] = parts(date);
  if (!y || !m || !d) return date;
  return withYear ? `${d} ${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]}`;
}

/** Inclusive dates, compactly: "27 Nov 2025", "24–27 Nov 2025", "28 Oct – 3 Nov 2025". */
export function formatDates(from: string, to: string): string {
  if (from === to) return formatDate(from);
  const [fy, fm, fd] = parts(from);
  const [ty, tm] = parts(to);
  if (fy === ty && fm === tm) return `${fd}–${formatDate(to)}`;
  if (fy === ty) return `${formatDate(from, false)} – ${formatDate(to)}`;
  return `${formatDate(from)} – ${formatDate(to)}`;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "Wed 26 Nov": a day in a by-day list or a digest. */
export function formatDay(date: string): string {
  const wd = new Date(`${date}T12:00:00Z`).getUTCDay();
  return `${WEEKDAYS[wd] ?? ""} ${formatDate(date, false)}`.trim();
}
