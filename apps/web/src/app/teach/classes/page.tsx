import { ClassList } from "../../../components/classes/ClassList";

export const metadata = { title: "Classes · LiveLab" };

/** Signed-in teachers only: the server sends anonymous visitors to /signin first. */
export default function ClassesPage() {
  return <ClassList />;
}
