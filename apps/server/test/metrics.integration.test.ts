/**
 * /metrics (METRICS=1): Prometheus text with the numbers an operator watches during a class —
 * sockets, live sessions, answers stored, database write and ping times, event-loop delay —
 * off by default, and behind METRICS_TOKEN when one is set.
 */
import { afterAll, describe, expect, it } from "vitest";
import { backends, connect, expectOk, hostedSession, newKey, promptNumber, startServer, testDatabase, type Client, type RunningServer, type TestDatabase } from "./helpers.ts";

const TOKEN = "metrics-token-for-tests";

/** The value of one sample line (`name{labels} value`) of a Prometheus text exposition. */
function sample(text: string, name: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (!line) throw new Error(`no ${name} in /metrics`);
  return Number(line.slice(line.lastIndexOf(" ") + 1));
}

for (const backend of backends()) {
  describe(`/metrics (${backend})`, () => {
    let tdb: TestDatabase;
    let server: RunningServer;
    const clients: Client[] = [];
    afterAll(async () => {
      for (const c of clients) c.close();
      await server?.stop();
      await tdb?.drop();
    });

    it("is not served unless enabled", async () => {
      tdb = await testDatabase(backend);
      const plain = await startServer(tdb);
      expect((await fetch(`${plain.url}/metrics`)).status).toBe(404);
      await plain.stop();
    });

    it("counts sockets, live sessions and stored answers, and times the database", async () => {
      server = await startServer(tdb, { metrics: { token: TOKEN } });
      const scrape = async () => {
        const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toContain("text/plain");
        return res.text();
      };
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
      const idle = await scrape();
      expect(sample(idle, "livelab_connected_sockets")).toBe(0);
      expect(sample(idle, "livelab_live_sessions")).toBe(0);

      const { session, teacher } = await hostedSession(server.url);
      clients.push(teacher);
      const students: Client[] = [];
      for (let i = 0; i < 3; i++) {
        const c = await connect(server.url);
        expectOk(await c.call("session:join", { code: session.code, nickname: `M${i}` }));
        students.push(c);
        clients.push(c);
      }
      expectOk(await teacher.call("activity:goto", { index: 3 }));
      const opened = students.map((s) => s.next("question:opened"));
      expectOk(await teacher.call("question:open", { questionId: "l2-decay-factor" }));
      const prompts = (await Promise.all(opened)).map((o) => o.view.prompt);
      for (const [i, s] of students.entries()) {
        const answer = String(1 - 2 * promptNumber(prompts[i], "eta") * promptNumber(prompts[i], "lambda"));
        expectOk(await s.call("answer:submit", { questionId: "l2-decay-factor", answer, idempotencyKey: newKey() }));
      }

      const busy = await scrape();
      expect(sample(busy, "livelab_connected_sockets")).toBe(4);
      expect(sample(busy, "livelab_live_sessions")).toBe(1);
      expect(sample(busy, "livelab_answers_stored_total")).toBe(3);
      expect(sample(busy, "livelab_joins_stored_total")).toBe(3);
      expect(busy).toMatch(/livelab_database_write_seconds_count\{what="answers"\} [1-3]\n/);
      expect(sample(busy, "livelab_database_ping_seconds")).toBeGreaterThan(0);
      expect(sample(busy, "nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);
    });
  });
}
