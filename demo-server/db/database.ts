// Opens the SQLite file in DATA_DIR with safe pragmas and brings its schema up to date.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations.ts';

export type Db = Database.Database;

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
