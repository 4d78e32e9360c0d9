// The photo-credit patterns of clean (lang/en/boilerplate.ts): the same lines as before, in time linear in the line.
import fc from 'fast-check'
import { CREDIT_ONLY, CREDIT_TAIL } from '../../../lang/en/boilerplate.js'

// The patterns as first written, whose names could also split a run of capitals at every letter: exponential in a
// line of capitals, so only ever run on short lines here.
const PLAIN_ONLY = /^\(?(?:(?:[Pp]hoto|[Ii]mage|[Pp]icture|[Cc]redit|[Pp]hotograph)s?(?: by| credit)?\s*[:\-–—]?\s*)?(?:[A-Z][\w.'’-]*\s?){1,4}\/\s*(?:[A-Z][\w.'’&-]*\s?){1,4}\)?$/
const PLAIN_TAIL =
  /(?:\/\s*(?:Getty Images|AP(?: Photo)?|Reuters|AFP|EPA|Shutterstock|Bloomberg|Alamy|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*(?: Images| Photos?| Pictures| Staff))\)?|\((?:AP|Reuters|AFP|EPA) Photo(?:\/[^)]*)?\)|\((?:[A-Z][\w.'’-]*\s?){1,4}\/\s*(?:[A-Z][\w.'’&-]*\s?){1,4}\))\s*$/

describe('photo credits', () => {
  it('match the lines the plain patterns match, and no other', () => {
    const piece = fc.constantFrom('Photo by ', 'Image: ', 'Lena', 'Ortiz', 'AP', 'Getty Images', 'J.', 'O’Brien', 'and', 'the', '/', ' / ', ' ', '  ', '(', ')', 'Staff', 'X', 'ab', '.', '&')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const line = parts.join('')
        expect([CREDIT_ONLY.test(line), CREDIT_TAIL.test(line)]).toEqual([PLAIN_ONLY.test(line), PLAIN_TAIL.test(line)])
      }),
      { numRuns: 3000 },
    )
  })

  it('read a line of 100,000 capitals, dotted initials or an open parenthesis and capitals at once', () => {
    const capitals = Array.from({ length: 100000 }, (_, k) => String.fromCharCode(65 + (k % 26))).join('')
    const initials = Array.from({ length: 50000 }, (_, k) => `${String.fromCharCode(65 + (k % 26))}.`).join('')
    for (const line of [capitals, initials, `(${capitals}`, `(${initials}`]) expect([CREDIT_ONLY.test(line), CREDIT_TAIL.test(line)]).toEqual([false, false])
  })
})
