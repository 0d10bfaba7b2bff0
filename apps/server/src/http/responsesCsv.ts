import { answerText, namedMistakes, questionsById, type SessionReport } from "@livelab/core/report";
import type { OwnedSession } from "../db/reportStore.ts";
import { toCsv, type Cell } from "./csv.ts";
import { fraction, paramsText, readable, REFUSED_WORD, resultWord, seconds } from "./exportCells.ts";

/**
 * The answers export: one row per stored answer (every attempt; "Final" marks the one that
 * counts) and one per answer the server refused as unreadable (stored as UnreadableAnswer rows:
 * no attempt number, no score, the reason in "Note"), in the order they arrived. Headers are
 * words; "Student ID" and "Question ID" are the stable ids a program joins on, "Q" and
 * "Question" are the report's. A question worth no points (a warm-up poll) has no score.
 */
export function responsesCsv(owned: OwnedSession, report: SessionReport): string {
  const { input } = owned;
  const nick = new Map(input.participants.map((p) => [p.id, p.nickname]));
  const byId = questionsById(input.lesson);
  const inReport = new Map(report.questions.map((q) => [q.id, q]));
  const lastAttempt = new Map<string, number>();
  for (const r of owned.responses) {
    const k = `${r.participantId}\u0000${r.questionId}`;
    lastAttempt.set(k, Math.max(lastAttempt.get(k) ?? 0, r.attempt));
  }
  const header = [
    "Session code", "Student", "Student ID", "Q", "Question", "Question ID", "Kind", "Attempt", "Final", "Answer", "Result", "Score",
    "Named mistake", "Mistake key", "Time to answer (s)", "Answered at (UTC)", "Student's numbers", "Note",
  ];
  const question = (questionId: string) => {
    const q = inReport.get(questionId);
    const t = byId.get(questionId)?.question;
    return { n: q ? `Q${q.n}` : "", title: q?.title ?? "", kind: t?.kind ?? "", template: t, scored: q ? q.graded : (t?.points ?? 0) > 0 };
  };
  const rows: { at: number; cells: Cell[] }[] = owned.responses.map((r) => {
    const q = question(r.questionId);
    const mistake = q.template && r.feedbackKey ? namedMistakes(q.template).get(r.feedbackKey) : undefined;
    const answer = answerText(q.template, r.answer, r.params);
    return {
      at: r.answeredAt.getTime(),
      cells: [
        input.session.code, nick.get(r.participantId) ?? "", r.participantId, q.n, q.title, r.questionId, q.kind,
        r.attempt, lastAttempt.get(`${r.participantId}\u0000${r.questionId}`) === r.attempt,
        // Option texts are the lesson's (TeX-flavoured); typed answers are shown as typed.
        q.template?.kind === "single" || q.template?.kind === "multiple" ? readable(answer) : answer,
        resultWord(r.status), q.scored ? fraction(r.score) : null,
        mistake ? mistake.label : null, mistake ? r.feedbackKey : null, seconds(r.msToAnswer), r.answeredAt.toISOString(), paramsText(r.params), null,
      ],
    };
  });
  for (const u of owned.unreadable) {
    const q = question(u.questionId);
    rows.push({
      at: u.at.getTime(),
      cells: [
        input.session.code, nick.get(u.participantId) ?? "", u.participantId, q.n, q.title, u.questionId, q.kind,
        null, false, u.answer, REFUSED_WORD, null, null, null, null, u.at.toISOString(), null, readable(u.reason),
      ],
    });
  }
  rows.sort((a, b) => a.at - b.at);
  return toCsv(header, rows.map((r) => r.cells));
}
