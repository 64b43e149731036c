// Child process of runners/thread-wait.test.ts: keeps its main thread busy for MS milliseconds (in 5 ms
// slices, so that the loop turns) under startClientLoad, then prints the ClientLoad as one JSON line.
import { startClientLoad } from '../../hardware-profiles/client-load.ts';

const ms = Number(process.argv[2] ?? 800);
const load = startClientLoad();
const until = performance.now() + ms;
while (performance.now() < until) {
  const slice = performance.now() + 5;
  while (performance.now() < slice);
  await new Promise((r) => setImmediate(r));
}
process.stdout.write(JSON.stringify(load.stop()) + '\n');
