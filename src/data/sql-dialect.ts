export type DialectName = 'sqlite' | 'postgres';

/**
 * Value conversions that differ between SQLite and PostgreSQL. better-sqlite3 binds no booleans and
 * returns text for timestamps and JSON, while pg returns `Date`, parsed jsonb and `bigint`/`numeric`
 * aggregates as strings.
 */
export class SqlDialect {
  constructor(readonly name: DialectName) {}

  get isSqlite(): boolean {
    return this.name === 'sqlite';
  }

  bool(value: boolean): number | boolean {
    if (!this.isSqlite) {
      return value;
    }
    return value ? 1 : 0;
  }

  json(value: unknown): string {
    return JSON.stringify(value);
  }
}

export function readBool(value: number | boolean | null): boolean | null {
  return value === null ? null : value === true || value === 1;
}

/** Parses a JSON column; the caller states the type it wrote. */
export function readJson(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}

export function readTimestamp(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString();
}

export function readOptionalTimestamp(value: string | Date | null): string | null {
  return value === null ? null : readTimestamp(value);
}

/** Reads `count(*)`, `sum()` and `avg()` results, which pg returns as strings. */
export function readNumber(value: string | number | bigint | null): number | null {
  return value === null ? null : Number(value);
}

/** True for a unique or primary key violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) {
    return false;
  }
  const code = (error).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
