// Values computed from a kept object (the report for one question over a cached answer, a report's
// card), kept exactly as long as that object is: no clock and no key of their own to go stale.
// Shared by every asker, so frozen. Imports nothing.

const derivations = new WeakMap<object, Map<string, unknown>>();
/** How many values one kept object holds derived from it (reports for different questions over it). */
const MAX_DERIVED = 100;

/**
 * A value computed from `answer`, kept as long as `answer` itself is kept (e.g. by the source cache):
 * a changed or expired answer means new values, and over an uncached source every answer is new.
 * The value is shared by every asker, so it is frozen.
 */
export function derived<T extends object>(answer: object, key: string, compute: () => T): T {
  let values = derivations.get(answer);
  if (!values) derivations.set(answer, (values = new Map()));
  if (values.has(key)) return values.get(key) as T;
  const value = deepFreeze(compute());
  if (values.size >= MAX_DERIVED) values.delete(values.keys().next().value as string);
  values.set(key, value);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
