import type { Pool } from 'pg';

/** One column as the catalog describes it; `null` where the property does not apply. */
export interface ColumnSnapshot {
  readonly dataType: string;
  readonly udtName: string;
  readonly characterMaximumLength: number | null;
  readonly numericPrecision: number | null;
  readonly numericScale: number | null;
  readonly datetimePrecision: number | null;
  readonly nullable: boolean;
  readonly default: string | null;
  readonly identity: string | null;
  readonly generated: string | null;
}

export interface ConstraintSnapshot {
  /** pg_constraint.contype: p primary key, f foreign key, u unique, c check, x exclusion. */
  readonly type: string;
  /** pg_get_constraintdef, e.g. `PRIMARY KEY (key)`. */
  readonly definition: string;
}

export interface TableSnapshot {
  readonly columns: Record<string, ColumnSnapshot>;
  /** Index name to pg_indexes.indexdef. */
  readonly indexes: Record<string, string>;
  readonly constraints: Record<string, ConstraintSnapshot>;
}

export interface SequenceSnapshot {
  readonly dataType: string;
  readonly start: string;
  readonly min: string;
  readonly max: string;
  readonly increment: string;
  readonly cycle: boolean;
  /** `table.column` of an owning column (serial, identity), or null. */
  readonly ownedBy: string | null;
}

/** The `public` schema's structure as plain data, every record keyed in sorted order, for `toEqual`. */
export interface SchemaSnapshot {
  readonly tables: Record<string, TableSnapshot>;
  /** Enum type name to its labels in declaration order. */
  readonly enums: Record<string, string[]>;
  readonly sequences: Record<string, SequenceSnapshot>;
}

export interface SchemaSnapshotOptions {
  /** Tables left out together with their columns, indexes, constraints and owned sequences (e.g. `_prisma_migrations`). */
  readonly excludeTables?: readonly string[];
}

/**
 * Reads the structure of the `public` schema from information_schema and pg_catalog: tables,
 * columns, indexes, constraints (not NOT NULL ones, which `nullable` covers), enums and
 * sequences. Two databases built the same way give equal snapshots on the same server kind.
 */
export async function snapshotSchema(pool: Pool, options: SchemaSnapshotOptions = {}): Promise<SchemaSnapshot> {
  const excluded = new Set(options.excludeTables ?? []);
  const keep = (table: string | null): boolean => table === null || !excluded.has(table);

  const [tables, columns, indexes, constraints, enums, sequences] = await Promise.all([
    pool.query<{ table_name: string }>(
      `SELECT table_name::text AS table_name
         FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    ),
    pool.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      character_maximum_length: number | null;
      numeric_precision: number | null;
      numeric_scale: number | null;
      datetime_precision: number | null;
      nullable: boolean;
      column_default: string | null;
      identity_generation: string | null;
      generation_expression: string | null;
    }>(
      `SELECT c.table_name::text AS table_name,
              c.column_name::text AS column_name,
              c.data_type::text AS data_type,
              c.udt_name::text AS udt_name,
              c.character_maximum_length::int AS character_maximum_length,
              c.numeric_precision::int AS numeric_precision,
              c.numeric_scale::int AS numeric_scale,
              c.datetime_precision::int AS datetime_precision,
              (c.is_nullable = 'YES') AS nullable,
              c.column_default::text AS column_default,
              c.identity_generation::text AS identity_generation,
              c.generation_expression::text AS generation_expression
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    ),
    pool.query<{ table_name: string; index_name: string; definition: string }>(
      `SELECT tablename::text AS table_name, indexname::text AS index_name, indexdef AS definition
         FROM pg_indexes
        WHERE schemaname = 'public'`,
    ),
    pool.query<{ table_name: string; constraint_name: string; type: string; definition: string }>(
      `SELECT rel.relname::text AS table_name,
              con.conname::text AS constraint_name,
              con.contype::text AS type,
              pg_get_constraintdef(con.oid) AS definition
         FROM pg_constraint con
         JOIN pg_class rel ON rel.oid = con.conrelid
         JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        WHERE ns.nspname = 'public' AND con.contype IN ('p', 'f', 'u', 'c', 'x')`,
    ),
    pool.query<{ type_name: string; labels: string[] }>(
      `SELECT t.typname::text AS type_name,
              array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t
         JOIN pg_namespace ns ON ns.oid = t.typnamespace
         JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE ns.nspname = 'public'
        GROUP BY t.typname`,
    ),
    pool.query<{
      sequence_name: string;
      data_type: string;
      start: string;
      min: string;
      max: string;
      increment: string;
      cycle: boolean;
      owner_table: string | null;
      owner_column: string | null;
    }>(
      `SELECT s.sequencename::text AS sequence_name,
              s.data_type::text AS data_type,
              s.start_value::text AS start,
              s.min_value::text AS min,
              s.max_value::text AS max,
              s.increment_by::text AS increment,
              s.cycle AS cycle,
              owner.relname::text AS owner_table,
              attr.attname::text AS owner_column
         FROM pg_sequences s
         JOIN pg_namespace ns ON ns.nspname = s.schemaname
         JOIN pg_class seq ON seq.relname = s.sequencename AND seq.relnamespace = ns.oid
         LEFT JOIN pg_depend dep ON dep.classid = 'pg_class'::regclass AND dep.objid = seq.oid
                                AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
         LEFT JOIN pg_class owner ON owner.oid = dep.refobjid
         LEFT JOIN pg_attribute attr ON attr.attrelid = dep.refobjid AND attr.attnum = dep.refobjsubid
        WHERE s.schemaname = 'public'`,
    ),
  ]);

  const tableNames = tables.rows.map((row) => row.table_name).filter(keep);
  const byTable = new Map<string, { columns: [string, ColumnSnapshot][]; indexes: [string, string][]; constraints: [string, ConstraintSnapshot][] }>(
    tableNames.map((name) => [name, { columns: [], indexes: [], constraints: [] }]),
  );
  // Indexes and constraints of anything but a listed table (excluded ones) are skipped with it.
  for (const row of columns.rows) {
    byTable.get(row.table_name)?.columns.push([
      row.column_name,
      {
        dataType: row.data_type,
        udtName: row.udt_name,
        characterMaximumLength: row.character_maximum_length,
        numericPrecision: row.numeric_precision,
        numericScale: row.numeric_scale,
        datetimePrecision: row.datetime_precision,
        nullable: row.nullable,
        default: row.column_default,
        identity: row.identity_generation,
        generated: row.generation_expression,
      },
    ]);
  }
  for (const row of indexes.rows) byTable.get(row.table_name)?.indexes.push([row.index_name, row.definition]);
  for (const row of constraints.rows) byTable.get(row.table_name)?.constraints.push([row.constraint_name, { type: row.type, definition: row.definition }]);

  return {
    tables: sortedRecord(
      [...byTable].map(([name, table]) => [
        name,
        { columns: sortedRecord(table.columns), indexes: sortedRecord(table.indexes), constraints: sortedRecord(table.constraints) },
      ]),
    ),
    enums: sortedRecord(enums.rows.map((row) => [row.type_name, row.labels])),
    sequences: sortedRecord(
      sequences.rows
        .filter((row) => keep(row.owner_table))
        .map((row) => [
          row.sequence_name,
          {
            dataType: row.data_type,
            start: row.start,
            min: row.min,
            max: row.max,
            increment: row.increment,
            cycle: row.cycle,
            ownedBy: row.owner_table === null ? null : `${row.owner_table}.${row.owner_column ?? ''}`,
          },
        ]),
    ),
  };
}

/** A record whose keys are in code-unit order, whatever collation the server sorted with. */
function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
