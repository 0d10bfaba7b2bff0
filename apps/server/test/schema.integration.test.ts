/**
 * prisma/schema.prisma is the source of truth; prisma/migrations/ holds the SQL that creates
 * it. This test migrates an empty database with that SQL and compares what exists — tables,
 * columns, types, nullability, defaults, primary keys, unique and plain indexes, foreign keys
 * with their delete rules — against what the schema file declares. Drift in either fails it.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { migrate, MIGRATIONS_DIR } from "../src/db/migrate.ts";
import { backends, testDatabase, type TestDatabase } from "./helpers.ts";

const SCHEMA = readFileSync(fileURLToPath(new URL("../../../prisma/schema.prisma", import.meta.url)), "utf8");
const PG_TYPES: Record<string, string> = {
  String: "text", Int: "integer", Float: "double precision", Boolean: "boolean", DateTime: "timestamp without time zone", Json: "jsonb",
};

interface Expected {
  columns: Map<string, { type: string; nullable: boolean; hasDefault: boolean }>;
  primaryKey: string[];
  unique: string[][];
  indexes: string[][];
  foreignKeys: { columns: string[]; refTable: string; refColumns: string[]; onDelete: string }[];
}

function parseSchema(text: string): Map<string, Expected> {
  const models = new Map<string, Expected>();
  const modelNames = new Set([...text.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]));
  for (const m of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const e: Expected = { columns: new Map(), primaryKey: [], unique: [], indexes: [], foreignKeys: [] };
    for (const raw of m[2].split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      if (!line) continue;
      const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
      let block: RegExpExecArray | null;
      if ((block = /^@@id\(\[([^\]]+)\]\)/.exec(line))) e.primaryKey = list(block[1]);
      else if ((block = /^@@unique\(\[([^\]]+)\]\)/.exec(line))) e.unique.push(list(block[1]));
      else if ((block = /^@@index\(\[([^\]]+)\]\)/.exec(line))) e.indexes.push(list(block[1]));
      else if (/^\w+\s+\w+/.test(line)) {
        const [, name, type, mod] = /^(\w+)\s+(\w+)(\?|\[\])?/.exec(line)!;
        if (modelNames.has(type)) {
          const rel = /@relation\(fields: \[([^\]]+)\], references: \[([^\]]+)\](?:, onDelete: (\w+))?/.exec(line);
          if (rel) e.foreignKeys.push({ columns: list(rel[1]), refTable: type, refColumns: list(rel[2]), onDelete: (rel[3] ?? "Restrict").toUpperCase() });
          continue;
        }
        e.columns.set(name, { type: PG_TYPES[type], nullable: mod === "?", hasDefault: /@default\(/.test(line) });
        if (/@id\b/.test(line)) e.primaryKey = [name];
        if (/@unique\b/.test(line)) e.unique.push([name]);
      }
    }
    models.set(m[1], e);
  }
  return models;
}

async function introspect(db: Database) {
  const columns = await db.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const indexes = await db.query<{ tablename: string; indexname: string; indexdef: string }>(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
  const fks = await db.query<{ table_name: string; columns: string; ref_table: string; ref_columns: string; delete_rule: string }>(`
    SELECT c.conrelid::regclass::text AS table_name,
           (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
           c.confrelid::regclass::text AS ref_table,
           (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS ref_columns,
           CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT' WHEN 'n' THEN 'SETNULL' WHEN 'a' THEN 'NOACTION' ELSE 'SETDEFAULT' END AS delete_rule
    FROM pg_constraint c WHERE c.contype = 'f'`);
  return { columns, indexes, fks };
}

const cols = (def: string) => /\(([^)]+)\)\s*$/.exec(def)![1].split(",").map((c) => c.trim().replace(/"/g, ""));

describe.each(backends())("the migrated database matches prisma/schema.prisma on %s", (backend) => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await testDatabase(backend);
    db = await tdb.open();
    expect(await migrate(db)).toEqual(readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort());
    expect(await migrate(db)).toEqual([]); // idempotent
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  it("same tables, columns, types, nullability, defaults, keys, indexes and foreign keys", async () => {
    const expected = parseSchema(SCHEMA);
    const { columns, indexes, fks } = await introspect(db);
    expect(new Set(columns.map((c) => c.table_name))).toEqual(new Set(expected.keys()));
    for (const [table, e] of expected) {
      const actual = columns.filter((c) => c.table_name === table);
      expect(new Set(actual.map((c) => c.column_name)), table).toEqual(new Set(e.columns.keys()));
      for (const c of actual) {
        const want = e.columns.get(c.column_name)!;
        expect({ table, column: c.column_name, type: c.data_type, nullable: c.is_nullable === "YES", hasDefault: c.column_default !== null })
          .toEqual({ table, column: c.column_name, ...want });
      }
      const tableIndexes = indexes.filter((i) => i.tablename === table);
      const pk = tableIndexes.find((i) => i.indexname === `${table}_pkey`);
      expect(pk && cols(pk.indexdef), `${table} primary key`).toEqual(e.primaryKey);
      const uniques = tableIndexes.filter((i) => /CREATE UNIQUE INDEX/.test(i.indexdef) && i.indexname !== `${table}_pkey`).map((i) => cols(i.indexdef).join(","));
      expect(new Set(uniques), `${table} unique`).toEqual(new Set(e.unique.map((u) => u.join(","))));
      const plain = tableIndexes.filter((i) => !/CREATE UNIQUE INDEX/.test(i.indexdef)).map((i) => cols(i.indexdef).join(","));
      expect(new Set(plain), `${table} indexes`).toEqual(new Set(e.indexes.map((u) => u.join(","))));
      const tableFks = fks.filter((f) => f.table_name.replace(/"/g, "") === table).map((f) => ({ columns: f.columns.split(","), refTable: f.ref_table.replace(/"/g, ""), refColumns: f.ref_columns.split(","), onDelete: f.delete_rule }));
      expect(tableFks.sort((a, b) => a.columns.join().localeCompare(b.columns.join())), `${table} foreign keys`)
        .toEqual([...e.foreignKeys].sort((a, b) => a.columns.join().localeCompare(b.columns.join())));
    }
  });

  it("records the migrations the way `prisma migrate deploy` does (name and SHA-256 checksum)", async () => {
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`);
    const names = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const [i, r] of rows.entries()) {
      expect(r.checksum).toBe(createHash("sha256").update(readFileSync(join(MIGRATIONS_DIR, names[i], "migration.sql"), "utf8")).digest("hex"));
      expect(r.finished_at).not.toBeNull();
    }
  });
});

describe.each(backends())("upgrading a database from the first release (%s)", (backend) => {
  it("adds teacher accounts and the lesson library, and keeps the sessions that existed before them", async () => {
    const tdb = await testDatabase(backend);
    const db = await tdb.open();
    const firstRelease = mkdtempSync(join(tmpdir(), "livelab-migrations-"));
    try {
      cpSync(join(MIGRATIONS_DIR, "20261126000000_init"), join(firstRelease, "20261126000000_init"), { recursive: true });
      expect(await migrate(db, firstRelease)).toEqual(["20261126000000_init"]);
      await db.exec(`INSERT INTO "ClassSession" (id, code, "lessonId", lesson, "hostSecretHash", seed) VALUES ('old', 'OLD123', 'regularization', '{}', 'x', 1)`);
      // The accounts migration and every later one, in name order.
      const later = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name > "20261126000000_init").map((d) => d.name).sort();
      expect(later[0]).toBe("20261126120000_teacher_accounts");
      expect(later).toContain("20261201180000_lesson_library");
      expect(await migrate(db)).toEqual(later);
      const old = await db.prisma.classSession.findUniqueOrThrow({ where: { id: "old" } });
      expect(old.teacherId).toBeNull();
      expect(old.lessonVersionId).toBeNull();
      expect(await db.prisma.user.count()).toBe(0);
    } finally {
      rmSync(firstRelease, { recursive: true, force: true });
      await db.close();
      await tdb.drop();
    }
  });
});
