// English: the words that tell what a number counts when no noun after it says so, read by segment's numbers and
// by the number conflicts: a quantity named before the number, an age, a tally. (lang/en/words.ts holds the rest.)

/**
 * Nouns that name the quantity of the number after them ("a magnitude 6.1 earthquake", "a magnitude of 6.1", "aged
 * 34", "at the age of 34", "a Category 4 hurricane"), with the unit the number then counts.
 */
export const QUANTITY_BEFORE: ReadonlyMap<string, string> = new Map([
  ['magnitude', 'magnitude'],
  ['aged', 'age'],
  ['age', 'age'],
  ['category', 'category'],
])

/**
 * Units an event has one value of (an earthquake's magnitude, a storm's category): two units of one statement that
 * each give a single value of one are compared whatever words stand near it ("The quake had a magnitude of 6.1" /
 * "A 5.8-magnitude quake struck").
 */
export const SCALE_UNITS = new Set(['magnitude', 'category'])

/** The unit of a person's age: "the 34-year-old man", "Ruiz, 34,", "aged 34". */
export const AGE_UNIT = 'age'

/** An age written after its number, the tokens' forms run together: "34-year-old", "34 years old". */
export const AGE_AFTER = /^-?years?-?old/

/** Words before "N to M" that make it a vote's tally ("by a vote of 219 to 212", "voted 5 to 4"), not a change or a range. */
export const TALLY_BEFORE = new Set(['vote', 'votes', 'voted', 'voting', 'tally', 'margin', 'ruling', 'decision', 'split'])

/** The word between the two counts of a tally written out: "219 to 212". */
export const TALLY_JOIN = 'to'
