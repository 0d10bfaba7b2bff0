import { TeacherConsole } from "../../../components/teacher/TeacherConsole";

export default async function ConsolePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TeacherConsole sessionId={id} />;
}
