// segment/entities: named entities (runs of capitalised words, titles stripped), typed and given the name the
// article uses for them.
import { COMPASS_WORDS, MONTHS, NAME_CONNECTORS, NOT_NAMES, ORGANISATION_WORDS, PLACE_WORDS, PLACES, TITLES, WEEKDAYS } from '../../lang/en/words.js'
import type { Entity, EntityType, Token } from '../../core/types.js'

/** An entity as found, before it is typed and named: its tokens, and whether a title preceded it. */
export interface RawEntity {
  tokens: Token[]
  titled: boolean
}

function isCapitalised(token: Token, sentenceStart: boolean): boolean {
  if (token.kind !== 'word' || !/^\p{Lu}/u.test(token.text)) return false
  if (MONTHS.has(token.normal.replace(/\.$/, '')) && token.normal !== 'may') return false
  if (WEEKDAYS.has(token.normal)) return false
  if (sentenceStart) return token.pos === 'PROPN' && !NOT_NAMES.has(token.normal)
  return !(token.normal === 'i')
}

/** Named entities of a sentence: runs of capitalised words, titles stripped. */
export function findEntities(tokens: readonly Token[]): RawEntity[] {
  const found: RawEntity[] = []
  let run: Token[] = []
  const flush = () => {
    while (run.length > 0 && NAME_CONNECTORS.has(run[run.length - 1]!.normal)) run.pop()
    if (run.length > 0) {
      let lastTitle = -1
      run.forEach((t, i) => {
        if (TITLES.has(t.normal.replace(/\.$/, ''))) lastTitle = i
      })
      let rest = run.slice(lastTitle + 1)
      // "Secretary of State Rex Tillerson": the title's "of State" goes with it.
      if (lastTitle >= 0 && rest.length > 2 && NAME_CONNECTORS.has(rest[0]!.normal)) rest = rest.slice(2)
      let lead = 0
      while (lead < rest.length && NAME_CONNECTORS.has(rest[lead]!.normal)) lead++
      if (lead > 0) rest = rest.slice(lead)
      if (rest.length > 0 && !(rest.length === 1 && NOT_NAMES.has(rest[0]!.normal))) found.push({ tokens: rest, titled: lastTitle >= 0 })
    }
    run = []
  }
  tokens.forEach((token, i) => {
    // A quotation starts a sentence too: the capital of `asked: "Is the bridge safe?"` is no name.
    const quoted = i > 0 && /^["“‘'«„]$/.test(tokens[i - 1]!.text) && tokens[i - 1]!.end === token.begin
    const start = i === 0 || (i <= 2 && tokens.slice(0, i).every((t) => t.kind === 'punctuation')) || quoted
    if (isCapitalised(token, start)) run.push(token)
    else if (run.length > 0 && NAME_CONNECTORS.has(token.normal) && tokens[i + 1] && isCapitalised(tokens[i + 1]!, false)) run.push(token)
    else flush()
  })
  flush()
  return found
}

function entityType(entity: RawEntity, persons: ReadonlySet<string>): EntityType {
  const normals = entity.tokens.map((t) => t.normal)
  const name = normals.join(' ')
  if (normals.some((n) => ORGANISATION_WORDS.has(n))) return 'organisation'
  if (entity.tokens.length === 1 && /^[A-Z]{2,6}$/.test(entity.tokens[0]!.text) && !PLACES.has(name)) return 'organisation'
  if (PLACES.has(name) || normals.some((n) => PLACE_WORDS.has(n))) return 'place'
  // "North Korea", "New York", "eastern Europe"
  if (normals.length === 2 && COMPASS_WORDS.has(normals[0]!) && PLACES.has(normals[1]!)) return 'place'
  if (entity.titled || persons.has(name)) return 'person'
  if (entity.tokens.length >= 2 && entity.tokens.length <= 4 && entity.tokens.every((t) => /^\p{Lu}\p{Ll}/u.test(t.text))) return 'person'
  return 'other'
}

/** Type every entity and give each the canonical name it has in the article: "Putin" → Vladimir Putin. */
export function resolveNames(perSentence: readonly RawEntity[][]): Entity[][] {
  const all = perSentence.flat()
  const persons = new Set<string>()
  for (const e of all) if (e.titled || e.tokens.length >= 2) if (entityType(e, new Set()) === 'person') persons.add(e.tokens.map((t) => t.normal).join(' '))
  // A single surname that ends exactly one full person name stands for that person.
  const bySurname = new Map<string, Set<string>>()
  for (const e of all) {
    if (e.tokens.length < 2) continue
    const full = e.tokens.map((t) => t.text).join(' ')
    if (entityType(e, persons) !== 'person') continue
    const last = e.tokens[e.tokens.length - 1]!.normal
    if (!bySurname.has(last)) bySurname.set(last, new Set())
    bySurname.get(last)!.add(full)
  }
  return perSentence.map((list) =>
    list.map((e) => {
      const first = e.tokens[0]!
      const last = e.tokens[e.tokens.length - 1]!
      const text = e.tokens.map((t) => t.text).join(' ')
      const fulls = e.tokens.length === 1 ? bySurname.get(first.normal) : undefined
      const name = fulls && fulls.size === 1 ? [...fulls][0]! : text
      const type = fulls && fulls.size === 1 ? 'person' : entityType(e, persons)
      return { text, name, type, begin: first.begin, end: last.end }
    }),
  )
}
