import { ClassSignIn } from "../../../components/practice/ClassSignIn";

export const metadata = { title: "Your class · LiveLab" };

/** A class's page: join it once (name and PIN), or sign in again. */
export default async function ClassPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <ClassSignIn code={code.toUpperCase()} />;
}
