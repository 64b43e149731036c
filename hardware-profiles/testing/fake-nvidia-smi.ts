// A stand-in nvidia-smi (a sh script) for machines without NVIDIA GPUs, answering the queries the memory
// sampler sends with the documented CSV: one poll, or with -lms MS one poll every MS ms until killed, each
// loop line stamped with the poll's time as nvidia-smi writes it. GPU 0 reports 1000 MiB more at each poll
// of a loop (77 MiB to a single query), GPU 1 500 MiB; compute apps list pid 4242 (70000 + poll MiB in a
// loop). Every start is appended to DIR/calls.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FakeNvidiaSmi {
  bin: string;
  /** The arguments of every start, one string each. */
  calls(): string[];
}

/**
 * Writes DIR/nvidia-smi (DIR is the caller's, who removes it).
 * loopFails: a loop query ends at once with an error, as an nvidia-smi that refuses a field does.
 * keepsLooping: it ignores SIGPIPE, so a loop whose reader has gone keeps running (only a signal ends it).
 */
export function fakeNvidiaSmi(dir: string, opts: { loopFails?: boolean; keepsLooping?: boolean } = {}): FakeNvidiaSmi {
  const bin = join(dir, 'nvidia-smi');
  writeFileSync(
    bin,
    `#!/bin/sh
echo "$*" >> "${dir}/calls"
${opts.keepsLooping ? "trap '' PIPE" : ''}
ms=""; prev=""
for a in "$@"; do [ "$prev" = "-lms" ] && ms=$a; prev=$a; done
${opts.loopFails ? '[ -n "$ms" ] && { echo "Field timestamp is not a valid field to query." >&2; exit 2; }' : ''}
n=0
while :; do
  n=$((n+1)); ts=$(date '+%Y/%m/%d %H:%M:%S.%3N')
  case "$1" in
    --query-gpu=timestamp,*) echo "$ts, 0, NVIDIA H200, $((n*1000)), 143771"; echo "$ts, 1, NVIDIA H200, 500, 143771" ;;
    --query-gpu=*) echo "0, NVIDIA H200, 77, 143771"; echo "1, NVIDIA H200, 500, 143771" ;;
    --query-compute-apps=timestamp,*) echo "$ts, 4242, $((70000+n))" ;;
    --query-compute-apps=*) echo "4242, 70000" ;;
  esac
  [ -n "$ms" ] || exit 0
  sleep $(echo "$ms" | awk '{print $1/1000}')
done
`,
  );
  chmodSync(bin, 0o755);
  return { bin, calls: () => readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n') };
}
