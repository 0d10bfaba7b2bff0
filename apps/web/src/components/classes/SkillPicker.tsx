"use client";

/** Tick the skills of an assignment (the course's, in course order). */
export function SkillPicker({ skills, picked, onChange }: { skills: { id: string; title: string }[]; picked: string[]; onChange: (ids: string[]) => void }) {
  return (
    <fieldset className="skill-picker">
      <legend>Skills</legend>
      {skills.map((s) => (
        <label key={s.id} className="inline">
          <input type="checkbox" checked={picked.includes(s.id)} onChange={(e) => onChange(e.target.checked ? [...picked, s.id] : picked.filter((x) => x !== s.id))} /> {s.title}
        </label>
      ))}
    </fieldset>
  );
}
