import { LessonEditorPage } from "../../../../components/lessons/editor/LessonEditor";

export const metadata = { title: "Lesson editor · LiveLab" };

/** Signed-in teachers only (the server sends anonymous visitors to /signin first). */
export default async function LessonEditorRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <LessonEditorPage id={id} />;
}
