// The site helpers pull in the Public Suffix List (~190 KB): loaded only when a scan or a form needs them,
// so opening the popup does not pay for parsing it.

export async function siteOfUrl(url: string): Promise<string | null> {
  const { siteOf } = await import('../../src/shared/site.ts');
  return siteOf(url);
}

export async function normaliseSite(input: string): Promise<string | null> {
  const { normaliseSiteInput } = await import('../../src/shared/site.ts');
  return normaliseSiteInput(input);
}
