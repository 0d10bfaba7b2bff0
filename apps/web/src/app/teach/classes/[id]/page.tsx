import { ClassPage } from "../../../../components/classes/ClassPage";

export const metadata = { title: "Class · LiveLab" };

/** One of the teacher's classes: roster, mastery grid, assignments, live classes (404 for another teacher's). */
export default async function ClassDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ClassPage classId={id} />;
}
