// `npm run admin -- grant|revoke <email>`: the operator's admin switch, on the database in DATA_DIR (the server may run).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setAdminGrantByEmail } from '../actions/admin-grant.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';

const usage = 'usage: npm run admin -- grant <email> | revoke <email>\n'
  + '  grant:  the account is an administrator, verified or not, listed in ADMIN_EMAILS or not\n'
  + '  revoke: the account is not an administrator, even when ADMIN_EMAILS lists its address';

function main(argv: string[]): number {
  const [command, email, ...rest] = argv;
  if ((command !== 'grant' && command !== 'revoke') || !email || rest.length > 0) {
    console.error(usage);
    return 2;
  }
  const config = readConfig();
  // Never create an empty database by mistake: a wrong DATA_DIR should say so, not answer "unknown e-mail".
  if (!existsSync(join(config.dataDir, 'keyfob-demo.sqlite'))) {
    console.error(`error: no demo database in ${config.dataDir} (set DATA_DIR as for the server)`);
    return 1;
  }
  const db = openDatabase(config.dataDir);
  try {
    const result = setAdminGrantByEmail({ config, db }, email, command === 'grant' ? 'granted' : 'revoked');
    if (!result.ok) {
      console.error(result.reason === 'invalid_email' ? `error: not an e-mail address: ${email}` : `error: no account with the e-mail ${email}`);
      return 1;
    }
    const who = `${result.user.email} (user ${result.user.id})`;
    const what = result.grant === 'granted' ? 'is an administrator' : 'is not an administrator (ADMIN_EMAILS no longer applies to it)';
    console.log(`${result.changed ? (result.grant === 'granted' ? 'granted' : 'revoked') : 'unchanged'}: ${who} ${what}`);
    return 0;
  } finally {
    db.close();
  }
}

process.exitCode = main(process.argv.slice(2));
