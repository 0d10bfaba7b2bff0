import { StudentApp } from "../../../components/student/StudentApp";

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <StudentApp code={code.toUpperCase()} />;
}
