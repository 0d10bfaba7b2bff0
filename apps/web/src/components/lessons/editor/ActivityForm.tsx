"use client";
import { useState } from "react";
import { asArray, asObj, asText, newQuestion, QUESTION_KINDS, type ActivityKind, type Json, type NewQuestionKind, type Obj, ACTIVITY_KINDS } from "./draftModel";
import { listOps, useEditing } from "./editing";
import { Field, Group, SelectField } from "./fields";
import { QuestionFields } from "./QuestionFields";
import { ExperimentFields, SimulationFields } from "./SimulationFields";

/** Everything of one activity: kind, title, what the projector shows, notes, simulation or experiment, questions. */
export function ActivityForm({ activity, index, onDuplicate, onDelete }: { activity: Obj; index: number; onDuplicate: () => void; onDelete: () => void }) {
  const editing = useEditing();
  const { edit, taken } = editing;
  const at = ["activities", index];
  const kind = asText(activity.kind) as ActivityKind;
  const questions = asArray(activity.questions).map(asObj);
  const qOps = listOps(editing, [...at, "questions"]);
  const [newKind, setNewKind] = useState<NewQuestionKind>("numeric");
  const setKind = (k: ActivityKind) => {
    // A simulation needs its simulation, an experiment its experiment: add a default when switching.
    const next: Obj = { ...activity, kind: k };
    if (k === "simulation" && !activity.simulation) next.simulation = { presetId: "overfit-poly", params: {}, seed: 42, steps: 600, cues: [] };
    if (k === "experiment" && !activity.experiment) next.experiment = { presetId: "lambda-experiment", params: {}, seed: 42 };
    edit(at, next as Json);
  };
  return (
    <section className="activity-form" aria-labelledby="activity-form-title">
      <div className="row spread">
        <h2 id="activity-form-title">Activity {index + 1}</h2>
        <span className="row">
          <button className="small-button" onClick={onDuplicate}>Duplicate</button>
          <button className="danger small-button" onClick={onDelete}>Delete activity</button>
        </span>
      </div>
      <div className="title-row">
        <SelectField label="Kind" path={[...at, "kind"]} value={kind} options={ACTIVITY_KINDS} onChange={setKind} />
        <Field label="Title" path={[...at, "title"]} value={asText(activity.title)} maxLength={200} onChange={(v) => edit([...at, "title"], v)} help="Plain text: shown on every screen." />
      </div>
      <Field label="Text on the projector (optional)" path={[...at, "body"]} value={asText(activity.body)} multiline texPreview maxLength={4000} onChange={(v) => edit([...at, "body"], v)} help="Math between $…$; **bold**." />
      <Field label="Teacher notes (only on your console)" path={[...at, "teacherNotes"]} value={asText(activity.teacherNotes)} multiline maxLength={4000} onChange={(v) => edit([...at, "teacherNotes"], v || undefined)} help="What to say, what students commonly believe, what the picture should show." />
      {activity.simulation !== undefined && <SimulationFields sim={asObj(activity.simulation)} at={[...at, "simulation"]} />}
      {activity.experiment !== undefined && <ExperimentFields exp={asObj(activity.experiment)} at={[...at, "experiment"]} />}
      <Group title="Questions" path={[...at, "questions"]}>
        {questions.map((q, i) => <QuestionFields key={asText(q.id) || i} q={q} at={[...at, "questions", i]} index={i} count={questions.length} />)}
        <div className="row add-question">
          <label className="inline" htmlFor="add-question-kind">New question</label>
          <select id="add-question-kind" value={newKind} onChange={(e) => setNewKind(e.target.value as NewQuestionKind)} style={{ width: "auto" }}>
            {Object.entries(QUESTION_KINDS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
          <button onClick={() => qOps.add(newQuestion(newKind, taken()))}>Add question</button>
        </div>
      </Group>
    </section>
  );
}
