// Comparisons of sorted arrays (ids, keys, codes) that the sentence features and the pair features share.

/** How many values two sorted arrays share, each value counted as often as the rarer side has it. */
export function sharedCount(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let shared = 0
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i]! < y[j]!) i++
    else if (x[i]! > y[j]!) j++
    else {
      shared++
      i++
      j++
    }
  }
  return shared
}

/** Position of `id` in a sorted id array, or -1. */
export function indexOfId(sorted: Int32Array, id: number): number {
  let lo = 0
  let hi = sorted.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = sorted[mid]!
    if (v === id) return mid
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** True when a sorted id array holds `id`. */
export function contains(sorted: Int32Array, id: number): boolean {
  return indexOfId(sorted, id) >= 0
}

/** Dice coefficient of two sorted arrays of unique values. */
export function sortedDice(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return x.length + y.length === 0 ? 0 : (2 * sharedCount(x, y)) / (x.length + y.length)
}

/** Dot product of two count vectors given as sorted codes with repeats. */
export function runDot(x: Uint32Array, y: Uint32Array): number {
  let i = 0
  let j = 0
  let sum = 0
  while (i < x.length && j < y.length) {
    if (x[i]! < y[j]!) i++
    else if (x[i]! > y[j]!) j++
    else {
      const code = x[i]!
      let nx = 0
      let ny = 0
      while (i < x.length && x[i] === code) {
        nx++
        i++
      }
      while (j < y.length && y[j] === code) {
        ny++
        j++
      }
      sum += nx * ny
    }
  }
  return sum
}
