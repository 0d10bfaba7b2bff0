import type { Lesson } from "@livelab/core/lesson";
import type { Database } from "./database.ts";
import { isUniqueViolation } from "./roomStore.ts";
import { newId } from "../security/tokens.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export interface LessonListItem {
  id: string;
  title: string;
  updatedAt: string;
  activities: number;
  /** The newest published version, or null if the lesson was never published. */
  latest: { number: number; createdAt: string } | null;
}

export interface StoredLesson {
  id: string;
  title: string;
  draft: unknown;
  draftRevision: number;
  updatedAt: string;
  versions: { id: string; number: number; createdAt: string }[];
}

export type SaveResult = { ok: true; revision: number } | { ok: false; reason: "not-found" | "conflict"; revision?: number };

const json = (v: unknown) => v as Prisma.InputJsonValue;
const titleOf = (draft: unknown) => {
  const t = (draft as { title?: unknown } | null)?.title;
  return typeof t === "string" && t.trim() ? t.trim().slice(0, 200) : "Untitled lesson";
};
const activityCount = (draft: unknown) => {
  const a = (draft as { activities?: unknown } | null)?.activities;
  return Array.isArray(a) ? a.length : 0;
};

/**
 * Teachers' own lessons. Every query is scoped by the owner's id, so another account's lesson
 * is simply not found (the routes answer 404, as for reports). Published versions are only ever
 * inserted: nothing here updates or deletes one (deleting a lesson removes its versions; the
 * classes that ran them keep their own copy of the lesson).
 */
export class LessonStore {
  constructor(private readonly db: Database) {}

  async list(ownerId: string): Promise<LessonListItem[]> {
    const rows = await this.db.prisma.lesson.findMany({
      where: { ownerId },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      select: { id: true, title: true, updatedAt: true, draft: true, versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, createdAt: true } } },
    });
    return rows.map((r) => ({
      id: r.id, title: r.title, updatedAt: r.updatedAt.toISOString(), activities: activityCount(r.draft),
      latest: r.versions[0] ? { number: r.versions[0].number, createdAt: r.versions[0].createdAt.toISOString() } : null,
    }));
  }

  async create(ownerId: string, draft: unknown): Promise<{ id: string }> {
    const id = newId();
    await this.db.prisma.lesson.create({ data: { id, ownerId, draft: json(draft), title: titleOf(draft) } });
    return { id };
  }

  async get(id: string, ownerId: string): Promise<StoredLesson | null> {
    const r = await this.db.prisma.lesson.findFirst({
      where: { id, ownerId },
      include: { versions: { orderBy: { number: "asc" }, select: { id: true, number: true, createdAt: true } } },
    });
    if (!r) return null;
    return {
      id: r.id, title: r.title, draft: r.draft, draftRevision: r.draftRevision, updatedAt: r.updatedAt.toISOString(),
      versions: r.versions.map((v) => ({ id: v.id, number: v.number, createdAt: v.createdAt.toISOString() })),
    };
  }

  /** Save the draft if it was edited from the newest revision (two tabs never silently overwrite each other). */
  async saveDraft(id: string, ownerId: string, draft: unknown, baseRevision: number): Promise<SaveResult> {
    const { count } = await this.db.prisma.lesson.updateMany({
      where: { id, ownerId, draftRevision: baseRevision },
      data: { draft: json(draft), title: titleOf(draft), draftRevision: { increment: 1 }, updatedAt: new Date() },
    });
    if (count === 1) return { ok: true, revision: baseRevision + 1 };
    const now = await this.db.prisma.lesson.findFirst({ where: { id, ownerId }, select: { draftRevision: true } });
    return now ? { ok: false, reason: "conflict", revision: now.draftRevision } : { ok: false, reason: "not-found" };
  }

  /** A published version's content: `number`, or the newest when omitted. */
  async version(id: string, ownerId: string, number?: number): Promise<{ id: string; number: number; content: Lesson } | null> {
    const v = await this.db.prisma.lessonVersion.findFirst({
      where: { lessonId: id, lesson: { ownerId }, ...(number !== undefined ? { number } : {}) },
      orderBy: { number: "desc" },
    });
    return v ? { id: v.id, number: v.number, content: v.content as unknown as Lesson } : null;
  }

  /** Add the next version (1, 2, …) with this content; concurrent publishes get distinct numbers. */
  async publish(id: string, ownerId: string, content: Lesson): Promise<{ id: string; number: number } | null> {
    for (let tries = 0; ; tries++) {
      const latest = await this.db.prisma.lesson.findFirst({
        where: { id, ownerId },
        select: { versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } } },
      });
      if (!latest) return null;
      const number = (latest.versions[0]?.number ?? 0) + 1;
      const versionId = newId();
      try {
        await this.db.prisma.lessonVersion.create({ data: { id: versionId, lessonId: id, number, content: json(content) } });
        return { id: versionId, number };
      } catch (e) {
        if (isUniqueViolation(e) && tries < 5) continue;
        throw e;
      }
    }
  }

  async delete(id: string, ownerId: string): Promise<boolean> {
    const { count } = await this.db.prisma.lesson.deleteMany({ where: { id, ownerId } });
    return count === 1;
  }
}
