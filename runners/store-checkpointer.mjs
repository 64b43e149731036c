// The run store's checkpointer (RunStore.checkpointInBackground): a thread with a connection of its own
// that moves committed WAL pages into the database file every intervalMs. Done inside a commit, as SQLite
// does by default every 1,000 pages, each checkpoint's fsync stopped the main thread for 6–9 ms here, and
// every stream's chunks waited with it. It writes no rows: the rows are committed by the main thread, and
// a commit is as durable without a checkpoint (WAL). Plain JavaScript, so the thread needs no loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs, closed } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    // PASSIVE: copies what it can without waiting for the writer or readers, and never blocks them.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    // Reported, and the thread ends: the main connection then checkpoints inside its commits again.
    parentPort.postMessage({ failed: String(e?.message ?? e) });
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
}, intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  // The main thread waits on this before it closes its own connection, the last one, which checkpoints
  // the rest and removes the WAL file.
  Atomics.store(closed, 0, 1);
  Atomics.notify(closed, 0);
  parentPort.close();
});
