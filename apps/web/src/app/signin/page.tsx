import { AuthForm } from "../../components/teacher/AuthForm";

export const metadata = { title: "Sign in · LiveLab" };

export default function SignInPage() {
  return <AuthForm mode="signin" />;
}
