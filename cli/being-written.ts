// `score` and `report` on a run that a live `r1bench run` is still writing: warn on stderr, carry on.
import { beingWrittenWarning, readLiveHolder } from '../runners/lease.ts';

export function warnIfBeingWritten(dir: string): void {
  const holder = readLiveHolder(dir);
  if (holder) process.stderr.write(`warning: ${beingWrittenWarning(dir, holder)}\n`);
}
