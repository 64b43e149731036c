/** One line of the benchmark table; `target` names the goal or the baseline it is compared with. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  target: string;
}
