// The import direction eslint.config.js enforces: each zone's rule fires on an import it forbids and stays quiet on
// one it allows, linted through ESLint's own API with the project's config, so a typo in a pattern cannot hide.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: resolve(root, 'eslint.config.js') });
});

/** The `no-restricted-imports` messages for `code` as if it were the file at `path` (the file need not exist). */
async function directionErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport { x };\n`, { filePath: resolve(root, path) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

type Case = { file: string; forbidden: string[]; allowed: string[] };

const cases: Case[] = [
  {
    file: 'demo-server/web/probe.ts',
    forbidden: ['../actions/sign-in.ts', '../routes/auth.ts', '../../extension/messages.ts'],
    allowed: ['../db/users.ts', '../security/tokens.ts', '../views/render.ts', '../form.ts', './respond.ts'],
  },
  {
    file: 'demo-server/actions/probe.ts',
    forbidden: ['../web/guards.ts', '../routes/auth.ts', '../../extension/messages.ts'],
    allowed: ['../db/users.ts', '../security/passwords.ts', '../form.ts', '../public-url.ts', './check-password.ts'],
  },
  {
    file: 'demo-server/security/probe.ts',
    forbidden: ['../actions/sign-in.ts', '../web/respond.ts', '../routes/api.ts', '../../extension/messages.ts'],
    allowed: ['../db/users.ts', './tokens.ts', '../context.ts', '../../src/shared/index.ts'],
  },
  {
    file: 'demo-server/db/probe.ts',
    forbidden: ['../actions/sign-in.ts', '../web/cookies.ts', '../routes/api.ts', '../../extension/messages.ts'],
    allowed: ['./users.ts', '../security/tokens.ts', '../config.ts'],
  },
  {
    file: 'demo-server/routes/probe.ts',
    forbidden: ['./auth.ts', '../routes/api.ts', '../../extension/background/index.ts'],
    allowed: ['../actions/sign-in.ts', '../web/guards.ts', '../db/users.ts', '../security/tokens.ts', '../views/render.ts'],
  },
  {
    file: 'demo-server/cli/probe.ts',
    forbidden: ['../../extension/messages.ts', '../../extension/popup/App.tsx'],
    allowed: ['../actions/admin-grant.ts', '../db/users.ts', '../../src/shared/index.ts'],
  },
  {
    file: 'src/shared/probe.ts',
    forbidden: ['../../extension/messages.ts', '../../demo-server/app.ts', 'node:crypto', 'express', 'preact'],
    allowed: ['./base32.ts'],
  },
  {
    file: 'extension/content/probe.ts',
    forbidden: ['../popup/App.tsx', '../background/index.ts', 'preact', 'idb', 'otplib'],
    allowed: ['../messages.ts', '../../src/shared/index.ts'],
  },
  {
    file: 'extension/popup/probe.ts',
    forbidden: ['../background/index.ts'],
    allowed: ['../messages.ts', 'preact'],
  },
  {
    file: 'extension/background/probe.ts',
    forbidden: ['../popup/App.tsx', 'preact'],
    allowed: ['../messages.ts', './router.ts'],
  },
  {
    file: 'extension/import/probe.ts',
    forbidden: ['../background/vault/backup.ts'],
    allowed: ['../messages.ts', '../popup/error-text.ts', '../../src/shared/import/index.ts'],
  },
  {
    file: 'extension/welcome/probe.ts',
    forbidden: ['../background/welcome.ts'],
    allowed: ['../messages.ts', '../popup/browser.ts', 'preact'],
  },
];

describe('import direction (eslint.config.js)', () => {
  for (const { file, forbidden, allowed } of cases) {
    for (const target of forbidden) {
      it(`${file} may not import ${target}`, async () => {
        expect(await directionErrors(file, `import { x } from '${target}';`)).toHaveLength(1);
      });
    }
    it(`${file} may import ${allowed.join(', ')}`, async () => {
      const code = allowed.map((target, i) => `import { x as x${i} } from '${target}';`).join('\n');
      expect(await directionErrors(file, `${code}\nconst x = [${allowed.map((_, i) => `x${i}`).join(', ')}];`)).toEqual([]);
    });
  }

  it('counts type-only imports too: a type is part of the direction', async () => {
    expect(await directionErrors('demo-server/web/probe.ts', "import type { x } from '../actions/check-password.ts';")).toHaveLength(1);
  });

  it("names the rule's reason in the message", async () => {
    const [message] = await directionErrors('demo-server/security/probe.ts', "import { x } from '../web/respond.ts';");
    expect(message).toContain('routes → actions → db/security');
  });
});
