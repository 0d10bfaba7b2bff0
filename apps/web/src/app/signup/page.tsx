import { AuthForm } from "../../components/teacher/AuthForm";

export const metadata = { title: "Create an account · LiveLab" };

export default function SignUpPage() {
  return <AuthForm mode="signup" />;
}
