import { sql } from 'kysely';
import type { ColumnDataType, CreateTableBuilder, Expression } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';

export type DataType = ColumnDataType | Expression<unknown>;

/** Column types that differ between the two databases; everything else is written the same for both. */
export interface ColumnTypes {
  timestamp: DataType;
  json: DataType;
  bool: DataType;
  real: DataType;
  true: Expression<unknown>;
  false: Expression<unknown>;
  /** Adds an auto-increment integer primary key named `name`. */
  addIdentity<T extends string>(table: CreateTableBuilder<T>, name: string): CreateTableBuilder<T>;
}

export function columnTypes(dialect: SqlDialect): ColumnTypes {
  if (dialect.isSqlite) {
    return {
      timestamp: 'text',
      json: 'text',
      bool: 'integer',
      real: 'real',
      true: sql`1`,
      false: sql`0`,
      // AUTOINCREMENT keeps SQLite from handing a deleted row's id to a new row.
      addIdentity: (table, name) => table.addColumn(name, 'integer', (column) => column.primaryKey().autoIncrement()),
    };
  }
  return {
    timestamp: 'timestamptz',
    json: 'jsonb',
    bool: 'boolean',
    real: 'double precision',
    true: sql`true`,
    false: sql`false`,
    addIdentity: (table, name) => table.addColumn(name, 'integer', (column) => column.primaryKey().generatedByDefaultAsIdentity()),
  };
}

/** A `CHECK (column IN (...))` constraint body. */
export function oneOf(column: string, values: readonly string[]): Expression<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}
