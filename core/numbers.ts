// Figures in reports carry four decimals: enough to compare, short enough to read, the same on every run.

/** `value` rounded to four decimals. */
export function round(value: number): number {
  return Math.round(value * 10000) / 10000
}
