/** Helpers that read untrusted parsed JSON without casts: each returns null (or []) for a wrong shape. */

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : null;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function records(value: unknown): JsonRecord[] {
  return asArray(value)
    .map(asRecord)
    .filter((record) => record !== null);
}

export function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Reads a number, or a numeric string as protobuf JSON writes int64 values. */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}

/** Reads a speaker label from a string or a number (`0` → `"0"`). */
export function labelOf(value: unknown): string | null {
  if (typeof value === 'string') {
    return value.trim() === '' ? null : value.trim();
  }
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

export function hasKey(record: JsonRecord | null, key: string): boolean {
  return record !== null && Object.hasOwn(record, key);
}

/** Returns the record itself, or the first records of an array, for shape checks. */
export function sampleRecords(value: unknown, count = 5): JsonRecord[] {
  const single = asRecord(value);
  return single === null ? records(value).slice(0, count) : [single];
}
