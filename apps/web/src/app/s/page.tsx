import { PersonalLink } from "../../components/practice/PersonalLink";

export const metadata = { title: "Sign in · LiveLab" };

/** A student's personal link (/s#code): their PIN signs this device in. */
export default function PersonalLinkPage() {
  return <PersonalLink />;
}
