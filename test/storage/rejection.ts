// The error a promise rejects with, for tests that assert on its class and message.

/** Resolves to the error `p` rejects with (fails the test if it resolves). */
export async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}
