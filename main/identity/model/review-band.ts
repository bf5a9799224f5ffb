/**
 * Which doubtful links go to a steward. Each record's likeliest other person, not every namesake it has: on a
 * million records the review band holds several links a record (a common name and a city are enough to be
 * doubtful), millions of pairs nobody will ever review. A link is kept when it is the strongest doubtful link of
 * either of its records; a steward's answer settles it, and the next run offers that record's next candidate.
 */
export function strongestPerRecord(
  candidates: readonly number[],
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  logOdds: ArrayLike<number>,
  /** Whose strongest links count (an incremental link: the new records', not every known record they met). */
  counts: (record: number) => boolean = () => true,
): number[] {
  const best = new Map<number, number>();
  const consider = (record: number, link: number): void => {
    if (!counts(record)) return;
    const held = best.get(record);
    if (held === undefined || (logOdds[link] as number) > (logOdds[held] as number)) best.set(record, link);
  };
  for (const link of candidates) {
    consider(a[link] as number, link);
    consider(b[link] as number, link);
  }
  return [...new Set(best.values())].sort((x, y) => x - y);
}
