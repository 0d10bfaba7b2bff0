import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";

/**
 * Profanity filter for nicknames, from a maintained word list (obscenity's English dataset,
 * with its transformers for l33t-speak, repeated letters and confusable characters).
 */
const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

export function nicknamePolicy(nickname: string): string | null {
  return matcher.hasMatch(nickname) ? "please choose a different nickname" : null;
}
