import type { Express, Request, RequestHandler } from "express";
import type { Logger } from "pino";
import type { Auth } from "../auth/auth.ts";
import { requireTeacher } from "../auth/teacher.ts";
import type { Database } from "../db/database.ts";
import { PracticeStore } from "../db/practiceStore.ts";
import type { ReportStore } from "../db/reportStore.ts";
import { RosterStore } from "../db/rosterStore.ts";
import { classRouter } from "../http/classRoutes.ts";
import { studentRouter } from "../http/studentRoutes.ts";
import { testClockRouter } from "../http/testClockRoutes.ts";
import type { LessonLibrary } from "../lessons/lessonLibrary.ts";
import type { Rooms } from "../live/rooms.ts";
import type { SessionOps } from "../live/sessionOps.ts";
import { RosterSeats } from "../live/rosterJoin.ts";
import { ClassView } from "./classView.ts";
import { HistoryLoader } from "./history.ts";
import { localUtcOffsetMinutes, type TestClock } from "./practiceClock.ts";
import { PracticeService } from "./practiceService.ts";
import { StudentAccess } from "./studentAccess.ts";

export interface PracticeMountDeps {
  db: Database;
  auth: Auth;
  rooms: Rooms;
  reports: ReportStore;
  library: LessonLibrary;
  log: Logger;
  publicUrl: () => string;
  now: () => number;
  testClock?: TestClock;
  clientAddress: (req: Request) => string;
  /** The session operations (made after this: they need the roster seats), for classes running on another node. */
  sessionOps: () => SessionOps;
}

/**
 * Classes, rosters and practice after class, put together and mounted on the app (one call in
 * app.ts): the teacher's class routes, the students' routes, the test clock on a test server;
 * returns what the socket handlers need to seat roster students in live classes.
 */
export function mountPractice(app: Express, deps: PracticeMountDeps): { rosterSeats: RosterSeats } {
  const roster = new RosterStore(deps.db);
  const store = new PracticeStore(deps.db);
  const history = new HistoryLoader(store);
  const clock = { now: deps.now, utcOffsetMinutes: localUtcOffsetMinutes };
  const access = new StudentAccess({ roster, log: deps.log, now: deps.now });
  const practice = new PracticeService({ store, history, log: deps.log, ...clock });
  const view = new ClassView({ roster, store, history, ...clock });
  const signedIn: RequestHandler = requireTeacher(deps.auth);
  if (deps.testClock) app.use(testClockRouter(deps.testClock));
  app.use(studentRouter({ access, practice, log: deps.log, clientAddress: deps.clientAddress }));
  app.use(classRouter({ roster, practice: store, view, reports: deps.reports, rooms: deps.rooms, sessionOps: deps.sessionOps, library: deps.library, log: deps.log, publicUrl: deps.publicUrl, now: deps.now }, signedIn));
  return { rosterSeats: new RosterSeats(roster, (headers) => access.who(headers)) };
}
