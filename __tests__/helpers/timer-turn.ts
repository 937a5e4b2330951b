/**
 * Code that blocks the event loop cannot time a test out by itself (the test's promise settles
 * before jest's timer runs): awaiting this after each slow step lets that timer fire. Tests of
 * linear-time fixes use it with inputs a quadratic version needs minutes for.
 */
export function timerTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
