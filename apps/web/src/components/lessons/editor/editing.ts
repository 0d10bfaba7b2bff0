"use client";
import { createContext, useContext } from "react";
import { getIn, moveItem, setIn, type Json, type Obj, type Path } from "./draftModel";

/** How fields change the draft (from useDraft), shared through context instead of props at every level. */
export interface Editing {
  /** Set one value (typing in a field: one undo step per field and moment). */
  edit: (path: Path, value: Json | undefined) => void;
  /** A structural change (add, delete, move): its own undo step. */
  change: (fn: (draft: Obj) => Obj) => void;
  /** The ids in use (new ids must differ). */
  taken: () => Set<string>;
}

export const EditContext = createContext<Editing | null>(null);

export function useEditing(): Editing {
  const e = useContext(EditContext);
  if (!e) throw new Error("useEditing outside the lesson editor");
  return e;
}

/** List helpers at a path: add, remove, move one item, as single undo steps. */
export function listOps(editing: Editing, path: Path) {
  const list = (d: Obj) => (getIn(d, path) as Json[] | undefined) ?? [];
  return {
    add: (item: Json) => editing.change((d) => setIn(d, path, [...list(d), item]) as Obj),
    remove: (i: number) => editing.change((d) => setIn(d, path, list(d).filter((_, j) => j !== i)) as Obj),
    move: (from: number, to: number) => editing.change((d) => {
      const l = list(d);
      return to < 0 || to >= l.length ? d : (setIn(d, path, moveItem(l, from, to)) as Obj);
    }),
  };
}
