// The bundled codeforces-sample problems, easiest first (ratings 800 to 2200).
import type { BundledProblem } from '../problem.ts';
import { problem as p01 } from './p01-product-sign.ts';
import { problem as p02 } from './p02-widest-gap.ts';
import { problem as p03 } from './p03-pairs-with-sum.ts';
import { problem as p04 } from './p04-bracket-repair.ts';
import { problem as p05 } from './p05-best-streak.ts';
import { problem as p06 } from './p06-window-colors.ts';
import { problem as p07 } from './p07-distinct-jumps.ts';
import { problem as p08 } from './p08-maze-run.ts';
import { problem as p09 } from './p09-rising-run.ts';
import { problem as p10 } from './p10-painted-fence.ts';
import { problem as p11 } from './p11-toll-roads.ts';
import { problem as p12 } from './p12-range-add-sum.ts';
import { problem as p13 } from './p13-best-average.ts';
import { problem as p14 } from './p14-distance-sums.ts';
import { problem as p15 } from './p15-distinct-queries.ts';

export const problems: readonly BundledProblem[] = [p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15];
