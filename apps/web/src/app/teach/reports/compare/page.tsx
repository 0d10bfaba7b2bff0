import { CompareView } from "../../../../components/reports/CompareView";

export const metadata = { title: "Classes side by side · LiveLab" };

/** Several classes of one lesson side by side (?ids=a,b,c); signed-in teachers, their own classes only. */
export default function ComparePage() {
  return <CompareView />;
}
