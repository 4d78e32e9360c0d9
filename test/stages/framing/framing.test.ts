// Framing: the sample corpus's designed tones come out as designed; the measures, terms, wording and config.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { main } from '../../../pipeline/cli.js'
import { checkLexicon, distinctiveTerms } from '../../../stages/framing/index.js'
import { DEFAULT_LEXICONS } from '../../../lang/en/lexicons/index.js'
import { type AnalysedStory, analyseFolder } from '../../helpers.js'

const corpus = path.join(__dirname, '..', '..', '..', 'corpus')
// The sample corpus's tone design (test/fixtures/sample-alignment.json, `designed.tone`).
const NEUTRAL = 'Alder Gazette'
const HEDGED = 'Northshore Ledger'
const LOADED = 'Metro Daily'

let story: AnalysedStory
beforeAll(async () => {
  story = (await analyseFolder(corpus)).get('harbor-bridge')!
})
const row = (outlet: string) => story.ledger.framing.outlets.find((f) => f.outlet === outlet)!
const top = (measure: 'hedgesPer100w' | 'loadedPer100w' | 'loadedVerbShare' | 'intensifiersPer100w') =>
  [...story.ledger.framing.outlets].sort((a, b) => b[measure] - a[measure])[0]!.outlet

describe('framing of the sample corpus', () => {
  it('finds the hedged outlet hedging most', () => {
    expect({ hedges: top('hedgesPer100w'), modalsAboveNeutral: row(HEDGED).modalsPer100w > row(NEUTRAL).modalsPer100w }).toEqual({ hedges: HEDGED, modalsAboveNeutral: true })
  })

  it('finds the loaded outlet using the most loaded words, intensifiers and loaded report verbs', () => {
    expect([top('loadedPer100w'), top('intensifiersPer100w'), top('loadedVerbShare')]).toEqual([LOADED, LOADED, LOADED])
  })

  it('finds the neutral outlet saying "said" and hardly any loaded verb', () => {
    expect({ first: row(NEUTRAL).reportVerbs.split(';')[0]!.split(':')[0], share: row(NEUTRAL).loadedVerbShare < 0.1, loaded: row(NEUTRAL).loadedPer100w }).toEqual({
      first: 'said',
      share: true,
      loaded: 0,
    })
  })

  it('gives the loaded outlet the lowest tone', () => {
    expect([...story.ledger.framing.outlets].sort((a, b) => a.tonePer100w - b.tonePer100w)[0]!.outlet).toBe(LOADED)
  })

  it('lists the loaded and hedged outlets’ telling words among their distinctive terms', () => {
    const terms = (outlet: string) => story.ledger.framing.terms.filter((t) => t.outlet === outlet).map((t) => t.term)
    expect({ loaded: terms(LOADED).filter((t) => ['chaos', 'admitted'].includes(t)).sort(), hedged: terms(HEDGED).includes('reportedly') }).toEqual({ loaded: ['admitted', 'chaos'], hedged: true })
  })

  it('records how each outlet words a shared statement: the loaded verb, the changed source', () => {
    const loadedLead = story.ledger.framing.wording.find((w) => w.outlet === LOADED && w.verbKind === 'loaded')!
    expect(loadedLead.loaded).toEqual(expect.arrayContaining(['slammed', 'chaos']))
    const sourced = story.ledger.framing.wording.filter((w) => w.attributionChange === 'changed').map((w) => [w.outlet, w.attribution])
    expect(sourced).toEqual(
      expect.arrayContaining([
        [NEUTRAL, 'mayor’s office'],
        [HEDGED, 'official familiar with the inspection'],
      ]),
    )
  })

  it('keeps shares in [0, 1] and gives every sentence a frame', () => {
    const offenders = story.ledger.framing.articles.filter(
      (f) => !(f.coverage <= 1 && f.quotedWordShare <= 1 && f.officialShare <= 1 && f.loadedVerbShare <= 1 && Object.values(f.frames).every((v) => v >= 0 && v <= 1)),
    )
    expect(offenders).toEqual([])
    expect(Object.keys(row(NEUTRAL).frames)).toEqual(Object.keys(DEFAULT_LEXICONS.frames))
  })

  it('measures the tone toward each of the story’s main entities per outlet', () => {
    const entities = [...new Set(story.ledger.framing.entityTone.map((e) => e.entity))]
    expect(entities).toContain('Diane Whitlock')
    expect(story.ledger.framing.entityTone.filter((e) => e.entity === 'Diane Whitlock').map((e) => e.outlet)).toEqual([...new Set(story.ledger.framing.outlets.map((f) => f.outlet))])
  })
})

describe('entity tone across the articles of a story', () => {
  it('counts a surname written alone in one article under the full name another article gives it, unless two persons share it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-names-'))
    const story = path.join(dir, 'pier')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(story)
    await writeFile(path.join(story, 'courier.txt'), 'Mr Osei closed the pier on Monday after divers found cracks.\n\nMr Osei said the pier would stay shut until March.\n')
    await writeFile(path.join(story, 'ledger.txt'), 'The harbour chief, Daniel Osei, shut the pier on Monday after cracks were found.\n\nLiz Cheney and Mary Cheney toured the pier with Daniel Osei.\n')
    await writeFile(path.join(story, 'herald.txt'), 'The pier was shut on Monday, Mr Osei said.\n\nMs Cheney praised the divers who found the cracks.\n')
    const entities = new Set((await analyseFolder(dir)).get('pier')!.ledger.framing.entityTone.map((e) => e.entity))
    expect(entities.has('Daniel Osei')).toBe(true)
    expect(entities.has('Osei')).toBe(false)
    expect(entities.has('Cheney')).toBe(true)
  })
})

describe('distinctiveTerms', () => {
  it('ranks a term one outlet uses far more than the others first, with z above 1.96', () => {
    const counts = new Map([
      ['A', new Map([['fiasco', 12], ['bridge', 20], ['city', 10]])],
      ['B', new Map([['bridge', 21], ['city', 11], ['closure', 3]])],
    ])
    const terms = distinctiveTerms(counts, 3)
    expect(terms[0]).toMatchObject({ outlet: 'A', term: 'fiasco', count: 12, others: 0 })
    expect(terms[0]!.z).toBeGreaterThan(1.96)
    expect(terms.filter((t) => t.outlet === 'A').map((t) => t.term)).not.toContain('bridge')
  })
})

describe('lexicons from the config', () => {
  it('rejects a lexicon of the wrong shape with a message naming it', () => {
    expect(() => checkLexicon('hedges', 3, 'cfg.json')).toThrow('Expected `lexicons.hedges` in `cfg.json` to be a list of words, got `number`')
    expect(() => checkLexicon('slang', [], 'cfg.json')).toThrow('Unexpected lexicon `slang` in `cfg.json`')
    expect(() => checkLexicon('reportVerbs', { neutral: ['said'] }, 'cfg.json')).toThrow('`{neutral: [words], loaded: [words]}`')
  })

  it('replaces a lexicon, inline or from a file, and the measures follow', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-config-'))
    await writeFile(path.join(dir, 'hedges.json'), '["reportedly"]')
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ corpus, out: path.join(dir, 'out'), stories: ['harbor-bridge'], lexicons: { loaded: ['chaos'], hedges: 'hedges.json' } }))
    const io = { stdout: () => {}, stderr: () => {} }
    expect(await main(['analyze', '--config', path.join(dir, 'config.json'), '--quiet'], io)).toBe(0)
    const rows = parse(await readFile(path.join(dir, 'out', 'harbor-bridge', 'framing.csv'), 'utf8'), { columns: true }) as Record<string, string>[]
    const byOutlet = Object.fromEntries(rows.map((r) => [r.outlet, [Number(r.hedges_per_100w) > 0, Number(r.loaded_per_100w) > 0]]))
    expect(byOutlet).toEqual({ [NEUTRAL]: [false, false], [LOADED]: [false, true], [HEDGED]: [true, false], 'Riverside Post': [false, false], 'Valley Herald': [false, false] })
    const corpusTerms = await readFile(path.join(dir, 'out', 'terms.csv'), 'utf8')
    expect(corpusTerms.split('\n')[0]).toBe('outlet,term,count,others,log_odds,z')
  })

  it('exits 2 with a message naming the file and key for a bad config', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-config-'))
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ maxBytes: -1 }))
    const err: string[] = []
    expect(await main(['analyze', '--config', path.join(dir, 'config.json')], { stdout: () => {}, stderr: (s) => err.push(s) })).toBe(2)
    expect(err.join('')).toBe(`corroborate: ${path.join(dir, 'config.json')}: Expected \`maxBytes\` to be a positive integer, got \`-1\`\n`)
  })
})
