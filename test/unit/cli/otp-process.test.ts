// The otp CLI as a real process, the way `npm run --silent otp -- …` runs it (kept to a few: each start costs ~0.5 s).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function otp(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/otp.ts', ...args], { cwd: root, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the otp process', () => {
  it('prints the code oathtool gives for the README example', () => {
    // oathtool --totp -b JBSWY3DPEHPK3PXP -N @59  →  996554
    expect(otp(['code', 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME', '--at', '59'])).toEqual({ status: 0, stdout: '996554\n', stderr: '' });
  });

  it('reads a batch from stdin and exits 2 after a bad line', () => {
    const input = '{"uri":"otpauth://totp/a?secret=JBSWY3DPEHPK3PXP","at":59}\n{"uri":"nope"}\n';
    const result = otp(['code', '--batch'], input);
    expect(result.stdout).toBe('996554\n\n');
    expect(result.stderr).toMatch(/^error: not-otpauth: line 2: /);
    expect(result.status).toBe(2);
  });

  it('exits 2 with the error on stderr for a bad link', () => {
    const result = otp(['parse', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: missing-counter: .+\n$/);
  });
});
