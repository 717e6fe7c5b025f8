// The content script every page runs starts with V8's compile hint, once; the document_start guard is left as it is.
import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, hintedFiles, withCompileHint } from '../../../scripts/build/compile-hint.ts';

describe('content-script compile hint', () => {
  it('names only the scripts that run once the document is parsed', () => {
    const manifest = { content_scripts: [{ js: ['guard.js'], run_at: 'document_start' }, { js: ['index.js'] }, { js: ['late.js'], run_at: 'document_idle' }] };
    expect(hintedFiles(manifest)).toEqual(['index.js', 'late.js']);
    expect(hintedFiles({})).toEqual([]);
  });

  it('puts the hint on the first line, and a second build step does not add it again', () => {
    const once = withCompileHint('(function(){})();\n');
    expect(once.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(withCompileHint(once)).toBe(once);
    expect(once.endsWith('(function(){})();\n')).toBe(true);
    expect(COMPILE_HINT.startsWith('//#')).toBe(true);
  });
});
