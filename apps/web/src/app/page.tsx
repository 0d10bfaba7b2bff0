import { JoinBox } from "../components/JoinBox";
import { StudentShortcut } from "../components/StudentShortcut";

export default function Home() {
  return (
    <main className="narrow">
      <h1 className="brand" style={{ fontSize: "2.2em", marginTop: "1em" }}>LiveLab</h1>
      <p className="muted">Machine learning, taught live: one simulation on every screen, questions with feedback, experiments the whole class runs together.</p>
      <StudentShortcut />
      <section className="card">
        <h2>Join a class</h2>
        <JoinBox />
      </section>
      <section className="card">
        <h2>Teach</h2>
        <p>Start a session from a lesson, show the code and the QR on the projector; review each class's report afterwards.</p>
        {/* Plain links: /teach is guarded by the server, which sends anonymous visitors to sign in. */}
        <p className="row"><a href="/teach">My sessions →</a> <a href="/signup">Create a teacher account</a></p>
      </section>
    </main>
  );
}
