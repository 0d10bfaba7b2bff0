/**
 * One PostgreSQL database: one single-node LiveLab or the nodes of one cluster, never both
 * (two single nodes would each run every class). Checked with the advisory lock main.ts takes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockNodeMode, NodeModeConflictError } from "../src/db/nodeModeLock.ts";
import { testDatabase, type TestDatabase } from "./helpers.ts";

describe.skipIf(!process.env.TEST_DATABASE_URL)("who may run on one PostgreSQL database", () => {
  let tdb: TestDatabase;
  let url = "";
  beforeAll(async () => {
    tdb = await testDatabase("postgres");
    url = (tdb.location as { url: string }).url;
  });
  afterAll(async () => { await tdb?.drop(); });

  it("a second single node is refused, with a message that names REDIS_URL; cluster nodes share the database but not with a single node", async () => {
    const single = await lockNodeMode(url, "single");
    const refused = await lockNodeMode(url, "single").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NodeModeConflictError);
    expect((refused as Error).message).toMatch(/REDIS_URL/);
    expect(await lockNodeMode(url, "scaled").catch((e: unknown) => e)).toBeInstanceOf(NodeModeConflictError);
    await single(); // the single node stops
    const nodes = [await lockNodeMode(url, "scaled"), await lockNodeMode(url, "scaled"), await lockNodeMode(url, "scaled")];
    expect(await lockNodeMode(url, "single").catch((e: unknown) => e)).toBeInstanceOf(NodeModeConflictError);
    for (const release of nodes) await release();
    const again = await lockNodeMode(url, "single"); // all gone: a single node may run again
    await again();
  });
});
