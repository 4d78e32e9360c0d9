// Numbers (stages/segment/numbers.ts): values and the word they count.
import { sentencesOf } from './fixture.js'
import { fittedNumbers, numbersWritten } from '../../../stages/segment/index.js'
import { sentenceFeatures } from '../../../stages/similarity/index.js'

describe('segment: numbers', () => {
  const numbers = (text: string) => sentencesOf([text]).flatMap((s) => s.numbers)

  it('reads "4,000 US soldiers" as 4000 soldiers', () => {
    expect(numbers('Some 4,000 US soldiers were deployed.')).toEqual([{ text: '4,000', value: 4000, unit: 'soldiers', begin: 5, end: 10 }])
  })

  it('reads "$5.2 million" as 5200000 with the unit `$`', () => {
    expect(numbers('The deal was worth $5.2 million.')).toEqual([{ text: '$5.2 million', value: 5200000, unit: '$', begin: 19, end: 31 }])
  })

  it('scales decimals without floating-point noise: "$2.01 million" is 2010000', () => {
    expect(numbers('The county paid $2.01 million and €1.1 billion.').map((n) => [n.text, n.value, n.unit])).toEqual([
      ['$2.01 million', 2010000, '$'],
      ['€1.1 billion', 1100000000, '€'],
    ])
  })

  it('reads "45 percent" and "3%" as percentages', () => {
    expect(numbers('Turnout was 45 percent, up 3% from 2019.').map((n) => [n.text, n.value, n.unit])).toEqual([
      ['45', 45, 'percent'],
      ['3', 3, 'percent'],
      ['2019', 2019, 'year'],
    ])
  })

  it('reads British percentages, "12 per cent" and "3.5pc", and "per" before anything else as no percentage', () => {
    expect(numbers('Costs rose 12 per cent, or 3.5pc of the budget, at 40 per day.').map((n) => [n.text, n.value, n.unit])).toEqual([
      ['12', 12, 'percent'],
      ['3.5', 3.5, 'percent'],
      ['40', 40, null],
    ])
  })

  it('reads a day written before its month ("3 March", "the 5th of April"), and not a count before a date ("the 19 Sept. 11 hijackers")', () => {
    expect(numbers('The quake hit on 3 March and again on the 5th of April.').map((n) => [n.text, n.unit])).toEqual([
      ['3', 'mar'],
      ['5th', 'apr'],
    ])
    expect(numbers('Fifteen of the 19 Sept. 11 hijackers were from abroad.').map((n) => [n.text, n.unit])).toEqual([
      ['Fifteen', null],
      ['19', 'hijackers'],
      ['11', 'sep'],
    ])
  })

  it('reads a toll with no counted noun as counting people: "kills 5", "5 dead", "Twelve killed", "death toll rises to 14"', () => {
    const units = (text: string) => numbers(text).map((n) => [n.value, n.unit])
    expect(units('Gunman kills 5 at mall')).toEqual([[5, 'people']])
    expect(units('5 dead in mall shooting')).toEqual([[5, 'people']])
    expect(units('Twelve killed as quake hits Varno')).toEqual([[12, 'people']])
    expect(units('Death toll rises to 14')).toEqual([[14, 'people']])
    expect(units('Quake kills 12, injures 40')).toEqual([[12, 'people'], [40, 'people']])
    // A counted noun, a year or a time stays what it was.
    expect(units('The storm killed 12 cows.')).toEqual([[12, 'cows']])
    expect(units('He died in 2009.')).toEqual([[2009, 'year']])
    expect(units('The road was closed at 3 after the crash.')).toEqual([[3, null]])
  })

  it('reads an age ("34-year-old", "34 years old", "Marta Ruiz, 34,") and a quantity named before its number ("magnitude 6.1", "aged 34", "Category 4")', () => {
    const units = (text: string) => numbers(text).map((n) => [n.value, n.unit])
    expect(units('The 34-year-old man was taken to hospital.')).toEqual([[34, 'age']])
    expect(units('The man, who is 34 years old, was taken to hospital.')).toEqual([[34, 'age']])
    expect(units('Marta Ruiz, 34, of Dayton was taken to hospital.')).toEqual([[34, 'age']])
    expect(units('A magnitude 6.1 earthquake struck, with a magnitude of 5.9 first reported.')).toEqual([[6.1, 'magnitude'], [5.9, 'magnitude']])
    expect(units('Ruiz, aged 34, was hurt as a Category 4 storm hit.')).toEqual([[34, 'age'], [4, 'category']])
    // A number after a name that is no apposition, and a decade of years, are no age.
    expect(units('Dayton Street, 40 feet from the river, was shut.')).toEqual([[40, 'feet']])
    expect(units('The 10-year sentence was upheld.')).toEqual([[10, 'year']])
  })

  it('reads a tally ("voted 97-1", "a 5–4 ruling", "by a vote of 219 to 212") as its count for and its count against, and a range or a change as none', () => {
    const read = (text: string) => numbers(text).map((n) => [n.text, n.value, n.unit])
    expect(read('The Senate voted 97-1 to pass it.')).toEqual([['97-1', 97, 'tally:for'], ['97-1', 1, 'tally:against']])
    expect(read('It was a 5–4 ruling.')).toEqual([['5–4', 5, 'tally:for'], ['5–4', 4, 'tally:against']])
    expect(read('It passed by a vote of 219 to 212.')).toEqual([['219 to 212', 219, 'tally:for'], ['219 to 212', 212, 'tally:against']])
    // Lower first is a range, and "from 12 to 10" with no vote a change.
    expect(read('Some 10-12 people were hurt.').map(([, , unit]) => unit)).not.toContain('tally:for')
    expect(read('The toll fell from 12 to 10 people.').map(([, , unit]) => unit)).not.toContain('tally:for')
  })

  it('counts a tally as one number written, and leaves a one-token tally out of what the similarity was fitted on', () => {
    const [one] = sentencesOf(['The Senate voted 97-1 on Tuesday.'])
    const [spelled] = sentencesOf(['The House passed it by a vote of 134 to 63 on Tuesday.'])
    expect(numbersWritten(one!.numbers)).toBe(1)
    expect(fittedNumbers(one!.numbers, one!.tokens)).toEqual([])
    expect(fittedNumbers(spelled!.numbers, spelled!.tokens).map((n) => n.value)).toEqual([134, 63])
    expect(sentenceFeatures(one!).numbers.size).toBe(0)
  })

  it('reads a multiplier after a hyphen, a dollar named by its country and a currency word as the sum they name', () => {
    const read = (text: string) => numbers(text).map((n) => [n.text, n.value, n.unit])
    expect(read('a $1.2-billion deal')).toEqual([['$1.2-billion', 1.2e9, '$']])
    expect(read('a 1.2-billion-dollar deal')).toEqual([['1.2-billion', 1.2e9, '$']])
    expect(read('US$5 million in aid')).toEqual([['US$5 million', 5e6, '$']])
    expect(read('C$40 million in aid')).toEqual([['C$40 million', 4e7, 'C$']])
    expect(read('five million dollars in aid')).toEqual([['five million', 5e6, '$']])
    expect(read('worth 40 euros')).toEqual([['40', 40, '€']])
    // A hyphen before a word that is no multiplier, or a lone "m", joins nothing.
    expect(read('a 12-year-old boy')).toEqual([['12', 12, 'age']])
  })

  it('reads number words, days of a month and years', () => {
    expect(numbers('Two hundred people marched on Jan. 13, 2017.').map((n) => [n.text, n.value, n.unit])).toEqual([
      ['Two hundred', 200, 'people'],
      ['13', 13, 'jan'],
      ['2017', 2017, 'year'],
    ])
  })
})

// ---- Quotes -------------------------------------------------------------------------------------------
