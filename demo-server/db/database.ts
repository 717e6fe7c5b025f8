// Opens the SQLite file in DATA_DIR with safe pragmas and brings its schema up to date.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations.ts';

export type Db = Database.Database;

const preparedByDb = new WeakMap<Db, Map<string, Database.Statement<unknown[], unknown>>>();

/**
 * The prepared statement for `sql` on `db`, compiled on first use and reused after: `db.prepare` compiles the SQL
 * every time, which was a tenth of the CPU of a two-factor challenge. Only for constant SQL text (never built from
 * input), and only with get/run/all, which finish before returning, so one statement is never in use twice at once.
 */
export function statement<P extends unknown[] = unknown[], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  let prepared = preparedByDb.get(db);
  if (!prepared) { prepared = new Map(); preparedByDb.set(db, prepared); }
  let s = prepared.get(sql);
  if (!s) { s = db.prepare<unknown[], unknown>(sql); prepared.set(sql, s); }
  return s as Database.Statement<P, R>;
}

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'keyfob-demo.sqlite'));
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL: a commit survives an app crash and fsyncs only at checkpoints, not once per session touch.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Deleted rows (spent show-once values, old sessions, used codes) are zeroed on disk, not left in free pages for a copy to find.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
