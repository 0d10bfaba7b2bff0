/**
 * The clock practice reads (review dates, "retained" days, when an attempt happened). Normally
 * the wall clock; a test server (LIVELAB_TEST_CLOCK=1, never in production) gets one the browser
 * tests move forward to make a review fall due days later (http/testClockRoutes.ts).
 */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): number => Date.now() + this.offsetMs;

  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }
}

/** Minutes east of UTC of the server's time zone at a moment (where a school day begins). */
export function localUtcOffsetMinutes(at: number): number {
  return -new Date(at).getTimezoneOffset();
}
