import { StudentHome } from "../../components/practice/StudentHome";

export const metadata = { title: "Your course · LiveLab" };

/** A student's home: their course, what is due, a live class of their class. */
export default function StudentHomePage() {
  return <StudentHome />;
}
