const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days from `today` to a YYYY-MM-DD date (UTC midnight), rounded up: 0 or less means the date
 * has come. Same convention as the production check's stack rule, so both say the same of one date.
 */
export function daysUntil(today: Date, date: string): number {
  return Math.ceil((Date.parse(date) - today.getTime()) / DAY_MS);
}
