import { getPreset } from "../sim/presets/registry.ts";
import { askedQuestions, correctRate, finalAttempt, scoreStudent } from "../score/definition.ts";
import { answerText, questionsById } from "./answers.ts";
import { classThirds } from "./itemStats.ts";
import { namedMistakes, questionReport, type Attempts } from "./questionReport.ts";
import type { ExperimentReport, QuestionReport, ReportInput, ReportOptions, ReportResponse, SessionReport, StudentReport } from "./types.ts";
import { DEFAULT_HELP_BELOW, whatNext } from "./whatNext.ts";

/**
 * The after-class report, computed from what the database holds about one session (never
 * from a live room), so it is the same after a restart or weeks later. Pure: the server
 * loads the rows, this turns them into numbers, the web renders them.
 *
 * Every student number is core's `Score` (score/definition.ts), the same the student's phone
 * showed at the end. Conventions (also in docs/PROTOCOL.md):
 * - a student's answer to a question is their *final* attempt (the one that counts);
 * - "time to answer" is the *first* attempt's time from the question opening;
 * - a question's correct rate is over students who answered; completion is over every student
 *   and every question asked; a student's rate is correct ÷ graded questions asked (speed never
 *   enters it).
 */
export function buildReport(input: ReportInput, options: ReportOptions = {}): SessionReport {
  const { lesson } = input;
  const nick = new Map(input.participants.map((p) => [p.id, p.nickname]));
  const present = input.participants.filter((p) => !p.removed);

  // attempts[questionId][participantId], in attempt order.
  const attempts = new Map<string, Map<string, ReportResponse[]>>();
  const ordered = [...input.responses].sort((a, b) => a.attempt - b.attempt || a.answeredAt - b.answeredAt);
  for (const r of ordered) {
    let m = attempts.get(r.questionId);
    if (!m) attempts.set(r.questionId, (m = new Map()));
    const list = m.get(r.participantId);
    if (list) list.push(r);
    else m.set(r.participantId, [r]);
  }
  const finalsOf = (qid: string) => [...(attempts.get(qid)?.values() ?? [])].map((l) => finalAttempt(l)!);

  const firstOpened = new Map<string, number>();
  for (const o of input.openedQuestions) if (!firstOpened.has(o.questionId)) firstOpened.set(o.questionId, o.at);
  const asked = askedQuestions(lesson, new Set(firstOpened.keys()), finalsOf);

  // Every student's score, by the one definition.
  const scores = new Map(input.participants.map((p) => [p.id, scoreStudent(asked, (qid) => attempts.get(qid)?.get(p.id))]));
  const thirds = classThirds(present.map((p) => ({ id: p.id, score: scores.get(p.id)!.score })));

  const refusedBy = new Map<string, string[]>();
  for (const u of input.unreadable ?? []) refusedBy.set(u.questionId, [...(refusedBy.get(u.questionId) ?? []), u.participantId]);
  const activityOf = new Map(lesson.activities.flatMap((a) => a.questions.map((q) => [q.id, a] as const)));
  const questions: QuestionReport[] = [...asked]
    .sort((a, b) => firstOpened.get(a.question.id)! - firstOpened.get(b.question.id)!)
    .map((a, i) => {
      const byParticipant = new Map<string, Attempts>();
      for (const [pid, list] of attempts.get(a.question.id) ?? []) byParticipant.set(pid, { first: list[0], last: finalAttempt(list)!, count: list.length, all: list });
      return questionReport(a.question, {
        activity: activityOf.get(a.question.id)!, n: i + 1, openedAt: firstOpened.get(a.question.id)!, keyed: a.keyed, graded: a.graded,
        attempts: byParticipant, nick, thirds, refused: refusedBy.get(a.question.id) ?? [],
      });
    });

  const templates = questionsById(lesson);
  const runsByParticipant = new Map<string, ReportInput["experimentRuns"]>();
  for (const run of input.experimentRuns) {
    const list = runsByParticipant.get(run.participantId);
    if (list) list.push(run);
    else runsByParticipant.set(run.participantId, [run]);
  }
  const students: StudentReport[] = input.participants.map((p) => {
    const score = scores.get(p.id)!;
    const answers: StudentReport["answers"] = {};
    for (const q of questions) {
      const list = attempts.get(q.id)?.get(p.id);
      if (!list) continue;
      const last = finalAttempt(list)!;
      const template = templates.get(q.id)?.question;
      const named = template && last.feedbackKey ? namedMistakes(template).get(last.feedbackKey) : undefined;
      answers[q.id] = {
        answer: answerText(template, last.answer, last.params), status: last.status, attempts: list.length, msToAnswer: list[0].msToAnswer,
        mistake: named ? last.feedbackKey : null, mistakeLabel: named?.label ?? null,
      };
    }
    const experiments: StudentReport["experiments"] = {};
    for (const run of runsByParticipant.get(p.id) ?? []) experiments[run.activityId] = { value: run.value, valLoss: run.valLoss };
    return {
      id: p.id, nickname: p.nickname, joinedAt: p.joinedAt, removed: p.removed,
      answered: score.answered, correct: score.correct, graded: score.graded, score: score.score, maxScore: score.maxScore, correctRate: correctRate(score),
      answers, experiments,
    };
  });

  const graded = questions.filter((q) => q.graded);
  const gradedRates = graded.map((q) => q.correctRate).filter((r): r is number => r !== null);
  const answersGiven = questions.reduce((n, q) => n + q.answered, 0);
  const maxScore = asked.reduce((n, a) => n + (a.graded ? a.question.points : 0), 0);
  return {
    session: { ...input.session, lessonId: lesson.id, lessonTitle: lesson.title },
    overview: {
      participants: present.length,
      questionsAsked: questions.length,
      gradedQuestionsAsked: graded.length,
      maxScore,
      responses: input.responses.length,
      averageCorrectRate: gradedRates.length ? gradedRates.reduce((a, b) => a + b, 0) / gradedRates.length : null,
      completion: present.length * questions.length > 0 ? answersGiven / (present.length * questions.length) : null,
    },
    whatNext: whatNext(questions, students, options.helpBelow ?? DEFAULT_HELP_BELOW),
    questions,
    students,
    experiments: experimentReports(input, nick),
  };
}

function experimentReports(input: ReportInput, nick: Map<string, string>): ExperimentReport[] {
  const experiments: ExperimentReport[] = [];
  for (const activity of input.lesson.activities) {
    if (!activity.experiment) continue;
    const points = input.experimentRuns
      .filter((r) => r.activityId === activity.id)
      .map((r) => ({ participantId: r.participantId, nickname: nick.get(r.participantId) ?? "?", value: r.value, trainLoss: r.trainLoss, valLoss: r.valLoss }))
      .sort((a, b) => a.value - b.value || a.nickname.localeCompare(b.nickname));
    if (points.length === 0) continue;
    const bestPoint = points.reduce((b, p) => (p.valLoss < b.valLoss ? p : b));
    const def = getPreset(activity.experiment.presetId).experiment;
    experiments.push({ activityId: activity.id, title: activity.title, label: def?.label ?? "value", scale: def?.scale ?? "linear", points, best: { participantId: bestPoint.participantId, nickname: bestPoint.nickname, value: bestPoint.value, valLoss: bestPoint.valLoss } });
  }
  return experiments;
}
