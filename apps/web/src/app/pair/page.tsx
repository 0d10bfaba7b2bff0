import { PairedScreen } from "../../components/stage/PairedScreen";

export const metadata = { title: "Projector screen · LiveLab" };

/** A classroom PC shows a class's projector view with a pairing code from the teacher's console (view only). */
export default function PairPage() {
  return <PairedScreen />;
}
