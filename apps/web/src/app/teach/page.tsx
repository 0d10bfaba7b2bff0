import { MySessions } from "../../components/teacher/MySessions";

export const metadata = { title: "My sessions · LiveLab" };

/** Signed-in teachers only: the server sends anonymous visitors to /signin first. */
export default function TeachPage() {
  return <MySessions />;
}
