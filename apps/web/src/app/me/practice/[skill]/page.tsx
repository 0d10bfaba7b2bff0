import { PracticeSession } from "../../../../components/practice/PracticeSession";

export const metadata = { title: "Practice · LiveLab" };

/** Practising one skill on a phone. */
export default async function PracticePage({ params, searchParams }: { params: Promise<{ skill: string }>; searchParams: Promise<{ assignment?: string }> }) {
  const { skill } = await params;
  const { assignment } = await searchParams;
  return <PracticeSession skill={skill} assignmentId={assignment ?? null} />;
}
