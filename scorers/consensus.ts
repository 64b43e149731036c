// cons@k's vote: the most frequent answer among k samples, equivalent answers voting together.

const trimmedEqual = (a: string, b: string): boolean => a.trim() === b.trim();

/**
 * Index of the sample whose answer wins the vote, or -1 when every answer is null. A group of
 * equivalent answers is represented by its first-seen member; a tie goes to the group whose first
 * member came first (the common harnesses' rule: R1's papers do not say). Identical trimmed strings
 * are counted once before `equal` runs, so a costly `equal` sees only the distinct answers.
 */
export function consensusIndex(answers: readonly (string | null)[], equal: (a: string, b: string) => boolean = trimmedEqual): number {
  const distinct = new Map<string, { first: number; votes: number }>();
  answers.forEach((answer, i) => {
    if (answer === null) return;
    const key = answer.trim();
    const seen = distinct.get(key);
    if (seen) seen.votes++;
    else distinct.set(key, { first: i, votes: 1 });
  });
  // Map iteration follows insertion order, i.e. first-seen order: groups are formed in that order.
  const groups: { first: number; key: string; votes: number }[] = [];
  for (const [key, { first, votes }] of distinct) {
    const group = equal === trimmedEqual ? undefined : groups.find((g) => equal(g.key, key));
    if (group) group.votes += votes;
    else groups.push({ first, key, votes });
  }
  let best: { first: number; votes: number } | undefined;
  for (const g of groups) if (!best || g.votes > best.votes) best = g;
  return best ? best.first : -1;
}

/** The winning answer of a majority vote (see consensusIndex), as first written; null when all are null. */
export function consensus(answers: readonly (string | null)[], equal?: (a: string, b: string) => boolean): string | null {
  const i = consensusIndex(answers, equal);
  return i < 0 ? null : answers[i]!;
}
