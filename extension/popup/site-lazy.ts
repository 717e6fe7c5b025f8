// The origin helpers pull in the Public Suffix List (~190 KB): loaded only when a form needs them, so opening the
// popup does not pay for parsing it.

/** What the user typed as a bound origin ("example.com", "https://login.example.com/x", "localhost:3000"), or null. */
export async function normaliseOrigin(input: string): Promise<string | null> {
  const { normaliseOriginInput } = await import('../../src/shared/origin-binding.ts');
  return normaliseOriginInput(input);
}
