// Bad user input for reports, compare, gate and leaderboard: one line naming what and where.
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}
