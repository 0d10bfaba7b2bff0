import { SessionReportView } from "../../../../components/reports/SessionReportView";

export const metadata = { title: "Class report · LiveLab" };

/** Signed-in teachers only (the server redirects anonymous visitors); the owner's class only (404 otherwise). */
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SessionReportView sessionId={id} />;
}
