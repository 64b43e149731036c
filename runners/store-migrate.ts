// Upgrades of stores written by earlier versions, applied when a store is opened.
import type Database from 'better-sqlite3';

/**
 * Stores made before per-sample prompts (GPQA) have no `variant` column: it is added, nullable and
 * last, so their rows read as they were and `SELECT *` copies between stores (merge) line up. Two
 * processes opening an old store at once may both try: the loser finds the column there.
 */
export function addVariantColumn(db: Database.Database): void {
  const has = () => (db.prepare(`PRAGMA table_info(completions)`).all() as { name: string }[]).some((c) => c.name === 'variant');
  if (has()) return;
  try {
    db.exec(`ALTER TABLE completions ADD COLUMN variant TEXT`);
  } catch (e) {
    if (!has()) throw e;
  }
}
