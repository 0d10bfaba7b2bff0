/** A small padlock drawn as SVG (an emoji padlock is a blank box on phones without an emoji font). */
export function LockIcon({ label }: { label?: string }) {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="16" height="16" role={label ? "img" : undefined} aria-label={label} aria-hidden={label ? undefined : true}>
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}
