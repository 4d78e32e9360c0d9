import fc from 'fast-check'
import { FUNCTION_WORDS } from '../../../lang/en/words.js'
import { compareQuotes, oneUtterance, quoteWords, UTTERANCE_WORDS, withoutInsertions } from '../../../stages/score/quote-compare.js'

// The same-utterance test written the plain way: the longest common subsequence, and every pair of starting
// positions extended as far as the two agree.
function plainOneUtterance(short: readonly string[], long: readonly string[]): boolean {
  const x = short.map((w) => (w.endsWith("'s") ? w.slice(0, -2) : w))
  const y = long.map((w) => (w.endsWith("'s") ? w.slice(0, -2) : w))
  const table = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0))
  for (let i = 1; i <= x.length; i++)
    for (let j = 1; j <= y.length; j++) table[i]![j] = x[i - 1] === y[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!)
  if (table[x.length]![y.length]! >= Math.max(4, Math.ceil(0.6 * x.length))) return true
  for (let i = 0; i + 5 <= x.length; i++)
    for (let j = 0; j + 5 <= y.length; j++) {
      let n = 0
      while (i + n < x.length && j + n < y.length && x[i + n] === y[j + n]) n++
      if (n >= 5 && x.slice(i, i + n).filter((w) => !FUNCTION_WORDS.has(w)).length >= 3) return true
    }
  return false
}

describe('one utterance', () => {
  it('agrees with the plain test on any two word lists', () => {
    // A small vocabulary of function and content words, so that shared runs are common.
    const word = fc.constantFrom('the', 'of', 'and', 'to', 'a', 'bridge', 'closed', 'city', 'hall', "mayor's", 'mayor', 'said')
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.array(word, { maxLength: 40 }), (a, b) => {
        const [short, long] = a.length <= b.length ? [a, b] : [b, a]
        expect(oneUtterance(short, long)).toBe(plainOneUtterance(short, long))
      }),
      { numRuns: 500 },
    )
  })

  it('reads at most UTTERANCE_WORDS words of each quotation', () => {
    // Function words in both, then words of each of its own: only the first UTTERANCE_WORDS decide.
    const shared = Array.from({ length: UTTERANCE_WORDS }, (_, k) => ['the', 'of', 'and'][k % 3]!)
    const own = (tag: string, n: number) => Array.from({ length: n }, (_, k) => `${tag}${k}`)
    const [short, long] = [[...shared, ...own('u', 2 * UTTERANCE_WORDS)], [...shared, ...own('v', 3 * UTTERANCE_WORDS)]]
    expect(oneUtterance(short, long)).toBe(true)
    expect(plainOneUtterance(short, long)).toBe(false)
  })

  it('compares two quotations of tens of thousands of words', () => {
    // Every shortcut fails: telling words in both, runs of function words everywhere, most words unshared.
    const fill = Array.from({ length: 30000 }, (_, k) => ['the', 'of', 'and'][k % 3]!).join(' ')
    const own = (tag: string, n: number) => Array.from({ length: n }, (_, k) => `${tag}${k}`).join(' ')
    expect(compareQuotes(`alpha beta ${own('u', 40000)} ${fill}`, `${fill} alpha beta ${own('v', 50000)}`)).toBe('different')
  })

  it('tells two quotations of tens of thousands of words cut in other places changed, without matching their pieces word by word', () => {
    // Pieces that agree with the other at every place but the last word: matched word by word, hours.
    const same = Array.from({ length: 30000 }, () => 'bridge').join(' ')
    expect(compareQuotes(`zeta … ${same} omega … ${same} city`, `alpha ${same} hall ${same}`)).toBe('changed')
    expect(compareQuotes(`${same} omega city`, `alpha hall ${same}`)).toBe('changed')
  })
})

describe('editor insertions', () => {
  it('are left out as the plain pattern leaves them out, in one pass', () => {
    const piece = fc.constantFrom('(', ')', '[', ']', 'a', 'local', ' ', '\n', '((', '])')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('')
        expect(withoutInsertions(text)).toBe(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '))
      }),
      { numRuns: 3000 },
    )
    const open = Array.from({ length: 100000 }, () => '(word').join(' ')
    expect(withoutInsertions(`${open} [said]`)).toBe(`${open}  `)
  })
})

describe('the words read', () => {
  it('are the same words when a quotation is read again, after the kept ones were emptied, and cannot be changed', () => {
    const first = quoteWords("We're not going to raise taxes on the middle class")
    expect(first).toEqual(['we are', 'not', 'going to', 'raise', 'taxes', 'on', 'middle', 'class'])
    // More quotations than are kept: the first is read again, not taken from a table that was emptied or overwritten.
    for (let k = 0; k < 25_000; k++) quoteWords(`quotation number ${k} about the ${k % 7} budget`)
    expect(quoteWords("We're not going to raise taxes on the middle class")).toEqual(first)
    expect(compareQuotes("We're not going to raise taxes on the middle class", 'We are not going to raise taxes on the middle class')).toBe('minor')
    expect(() => (quoteWords('a plan for rebuilding rural schools') as string[]).push('x')).toThrow(TypeError)
    expect(quoteWords('a plan for rebuilding rural schools')).toEqual(['plan', 'for', 'rebuilding', 'rural', 'schools'])
  })
})

describe('censored words', () => {
  it('are one word however many asterisks an outlet puts in, and another word than one written out', () => {
    expect(compareQuotes("I'm Not Going To Pay For That F**king Wall", 'I’m not going to pay for that f***ing wall!')).toBe('minor')
    expect(compareQuotes('I’m not going to pay for that f***ing wall', 'I’m not going to pay for that stupid wall')).toBe('changed')
    expect(compareQuotes('I’m not going to pay for that f***ing wall', 'I’m not going to pay for that fine wall')).toBe('changed')
  })
})

