import { Projector } from "../../../components/teacher/Projector";

export default async function ProjectorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Projector sessionId={id} />;
}
