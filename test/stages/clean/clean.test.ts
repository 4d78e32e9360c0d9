import { clean, type CleanOptions } from '../../../stages/clean/index.js'
import { MessageLog } from '../../../core/messages.js'
import type { Article, CleanArticle, RemovalReason, Removed } from '../../../core/types.js'

// ---- Helpers ----------------------------------------------------------------------------------------

function article(text: string, extra: Partial<Article> = {}): Article {
  return {
    story: 'bridge',
    id: 'courier',
    outlet: 'Valley Courier',
    title: null,
    url: null,
    published: null,
    source: { file: 'bridge/courier.txt' },
    text,
    hash: 'h',
    ...extra,
  }
}

function run(articles: readonly Article[], options?: CleanOptions): { cleaned: CleanArticle[]; messages: string[] } {
  const log = new MessageLog()
  const cleaned = clean(articles, log, options)
  return { cleaned, messages: log.messages.map(String) }
}

/** Clean one article; also checks the offset invariants, so every test that uses it checks them. */
function cleanOne(text: string, extra: Partial<Article> = {}, options?: CleanOptions): CleanArticle {
  const input = article(text, extra)
  const { cleaned, messages } = run([input], options)
  expect({ messages, offenders: cleaned.flatMap((c) => offsetOffenders(input, c)) }).toEqual({ messages: [], offenders: [] })
  expect(cleaned).toHaveLength(1)
  return cleaned[0]!
}

/** Body and removals only: what most boilerplate tests look at. */
function outcome(text: string, extra: Partial<Article> = {}, options?: CleanOptions): { body: string; removed: readonly Removed[] } {
  const { body, removed } = cleanOne(text, extra, options)
  return { body, removed }
}

/** The removal of `piece`, at its `occurrence`-th place (0-based) in `text`. */
function cut(text: string, piece: string, reason: RemovalReason, occurrence = 0): Removed {
  let begin = -1
  for (let n = 0; n <= occurrence; n++) begin = text.indexOf(piece, begin + 1)
  if (begin < 0) throw new Error(`${JSON.stringify(piece)} is not in the text`)
  return { text: piece, reason, begin, end: begin + piece.length }
}

/**
 * Offenders of the offset contract: removed offsets index the original text, removals are sorted and do not
 * overlap, paragraph starts index `body`, every paragraph is the piece of the original text at its `paragraphOffsets`
 * entry (line breaks of a hard-wrapped paragraph turned into spaces), and no character but white space is in
 * neither a paragraph nor a removal.
 */
function offsetOffenders(input: Article, c: CleanArticle): string[] {
  const offenders: string[] = []
  let previousEnd = 0
  for (const r of c.removed) {
    if (input.text.slice(r.begin, r.end) !== r.text) offenders.push(`removed ${JSON.stringify(r.text)} is ${JSON.stringify(input.text.slice(r.begin, r.end))} at ${r.begin}-${r.end}`)
    if (r.begin < previousEnd) offenders.push(`removed ${JSON.stringify(r.text)} overlaps the one before`)
    if (r.text !== r.text.trim() || r.text === '') offenders.push(`removed ${JSON.stringify(r.text)} is not trimmed`)
    previousEnd = r.end
  }
  if (c.paragraphs[0] !== 0) offenders.push(`first paragraph starts at ${c.paragraphs[0]}`)
  c.paragraphs.forEach((start, p) => {
    const end = p + 1 < c.paragraphs.length ? c.paragraphs[p + 1]! - 2 : c.body.length
    if (p > 0 && c.body.slice(start - 2, start) !== '\n\n') offenders.push(`paragraph ${p} does not follow a blank line`)
    const paragraph = c.body.slice(start, end)
    if (paragraph.trim() !== paragraph || paragraph === '' || paragraph.includes('\n')) offenders.push(`paragraph ${p} is ${JSON.stringify(paragraph)}`)
    const at = c.paragraphOffsets[p]!
    if (input.text.slice(at, at + paragraph.length).replace(/\n/g, ' ') !== paragraph) offenders.push(`paragraph ${p} is not in the text at ${at}: ${JSON.stringify(paragraph)}`)
  })
  // Nothing goes missing unseen: every character but white space is in a paragraph or in a removal.
  const seen = new Array<boolean>(input.text.length).fill(false)
  c.paragraphs.forEach((start, p) => {
    const end = p + 1 < c.paragraphs.length ? c.paragraphs[p + 1]! - 2 : c.body.length
    for (let i = 0; i < end - start; i++) seen[c.paragraphOffsets[p]! + i] = true
  })
  for (const r of c.removed) for (let i = r.begin; i < r.end; i++) seen[i] = true
  const lost = seen.flatMap((yes, i) => (!yes && /\S/u.test(input.text[i]!) ? [i] : []))
  if (lost.length > 0) offenders.push(`lost ${JSON.stringify(lost.map((i) => input.text[i]).join(''))} at ${lost.join(', ')}`)
  return offenders
}

const LEAD = 'The county council voted 7-2 on Tuesday to close the Elm Street bridge for repairs.'
const MORE = 'Engineers found cracks in two steel girders last month, the county said.'
const LAST = 'The work will take six weeks, officials said.'

/** Three body paragraphs with `middle` between the first two and the last. */
function around(middle: string): string {
  return `${LEAD}\n\n${MORE}\n\n${middle}\n\n${LAST}`
}

// ---- The whole value --------------------------------------------------------------------------------

describe('clean', () => {
  it('keeps an article without boilerplate as it is, one paragraph per block', () => {
    const text = `${LEAD}\n\n${MORE}\n${LAST}\n`
    expect(run([article(text)])).toEqual({
      cleaned: [
        {
          ...article(text),
          headline: null,
          dateline: null,
          body: `${LEAD}\n\n${MORE}\n\n${LAST}`,
          paragraphs: [0, LEAD.length + 2, LEAD.length + 2 + MORE.length + 2],
          paragraphOffsets: [0, LEAD.length + 2, LEAD.length + 2 + MORE.length + 1],
          removed: [],
        },
      ],
      messages: [],
    })
  })

  it('returns the whole cleaned article: headline, dateline, body, paragraphs and removals', () => {
    const text = 'News/Region\n\nBridge to close for six weeks\n\nBy Jane Doe\n\nPORT ALDER (CPA) — ' + LEAD + '\n\nADVERTISEMENT\n\n' + LAST
    const body = `${LEAD}\n\n${LAST}`
    expect(run([article(text)])).toEqual({
      cleaned: [
        {
          ...article(text),
          headline: 'Bridge to close for six weeks',
          dateline: 'PORT ALDER (CPA)',
          body,
          paragraphs: [0, LEAD.length + 2],
          paragraphOffsets: [text.indexOf(LEAD), text.indexOf(LAST)],
          removed: [
            cut(text, 'News/Region', 'section-label'),
            cut(text, 'Bridge to close for six weeks', 'headline'),
            cut(text, 'By Jane Doe', 'byline'),
            cut(text, 'PORT ALDER (CPA) —', 'dateline'),
            cut(text, 'ADVERTISEMENT', 'advertising'),
          ],
        },
      ],
      messages: [],
    })
  })

  it('lists a line with no letter or digit (`* * *`, a row of emoji, a lone zero-width space) as removed `no-words`', () => {
    const text = around('* * *\n\n😀😀😀\n\n\u200b')
    expect(outcome(text)).toEqual({
      body: `${LEAD}\n\n${MORE}\n\n${LAST}`,
      removed: [cut(text, '* * *', 'no-words'), cut(text, '😀😀😀', 'no-words'), cut(text, '\u200b', 'no-words')],
    })
  })

  it('never mutates its input', () => {
    const input = article(`Bridge to close\n\n${LEAD}\n\nADVERTISEMENT\n\n${LAST}`)
    const before = structuredClone(input)
    run([input])
    expect(input).toEqual(before)
  })

  it('drops an article left without a body with a warning (it holds no text); the other articles survive', () => {
    const empty = article('ADVERTISEMENT\n\nShare this article\n\n© 2024 Valley Courier', { id: 'empty', source: { file: 'bridge/empty.txt' } })
    const { cleaned, messages } = run([empty, article(LEAD)])
    expect({ ids: cleaned.map((c) => c.id), messages }).toEqual({
      ids: ['courier'],
      messages: ['bridge/empty.txt: warning: Unexpected article with no body text left after cleaning (3 block(s) removed as boilerplate); skipped [clean/no-body]'],
    })
  })

  it('names the JSONL line of an article left without a body', () => {
    const empty = article('Subscribe now for unlimited digital access.', { source: { file: 'batch.jsonl', line: 4 } })
    expect(run([empty]).messages).toEqual([
      'batch.jsonl:4: warning: Unexpected article with no body text left after cleaning (1 block(s) removed as boilerplate); skipped [clean/no-body]',
    ])
  })
})

// ---- Boilerplate, class by class ---------------------------------------------------------------------

describe('clean: boilerplate classes', () => {
  it('removes advertising markers', () => {
    const text = `ADVERTISEMENT\n\n${LEAD}\n\nStory continues below advertisement\n\n${MORE}\n\nSponsored content\n\nContinue reading the main story\n\n${LAST}`
    expect(outcome(text)).toEqual({
      body: `${LEAD}\n\n${MORE}\n\n${LAST}`,
      removed: [
        cut(text, 'ADVERTISEMENT', 'advertising'),
        cut(text, 'Story continues below advertisement', 'advertising'),
        cut(text, 'Sponsored content', 'advertising'),
        cut(text, 'Continue reading the main story', 'advertising'),
      ],
    })
  })

  it('removes browser-support notices', () => {
    const text = `Internet Explorer 10 is not supported. Switch to a newer browser for the best experience.\n\n${LEAD}\n\nJavaScript is disabled in your browser.\n\n${LAST}`
    expect(outcome(text)).toEqual({
      body: `${LEAD}\n\n${LAST}`,
      removed: [
        cut(text, 'Internet Explorer 10 is not supported. Switch to a newer browser for the best experience.', 'browser-notice'),
        cut(text, 'JavaScript is disabled in your browser.', 'browser-notice'),
      ],
    })
  })

  it('removes subscription and login prompts', () => {
    const prompts = [
      'Already a subscriber? Log in to keep reading.',
      'You have reached your limit of free stories this month.',
      'Sign up for our morning newsletter.',
      'Get unlimited digital access for $1 a week.',
      'Only subscribers can comment on this story. Create a free account.',
      'To continue reading, please subscribe.',
    ]
    const text = around(prompts.join('\n\n'))
    expect(outcome(text)).toEqual({ body: `${LEAD}\n\n${MORE}\n\n${LAST}`, removed: prompts.map((p) => cut(text, p, 'subscription')) })
  })

  it('checks later blocks against the first 64 captions only', () => {
    const captions = Array.from({ length: 65 }, (_, k) => `Photo: Crew ${k + 1} lifts girder number ${k + 1} onto a barge below the bridge.`)
    const repeat = (k: number) => `Crew ${k} lifts girder number ${k} onto a barge below the bridge.`
    const text = `${LEAD}\n\n${captions.join('\n\n')}\n\n${repeat(64)}\n\n${repeat(65)}\n\n${LAST}`
    const { body, removed } = outcome(text)
    expect(removed.filter((r) => r.reason === 'caption').length).toBe(66)
    expect(body).toBe(`${LEAD}\n\n${repeat(65)}\n\n${LAST}`)
  })

  it('removes a labelled photo caption and the same caption repeated without its label', () => {
    const text = `${LEAD}\n\nPhoto: A crane lifts a girder onto a barge below the bridge on Monday.\nA crane lifts a girder onto a barge below the bridge on Monday.\n\n${LAST}`
    expect(outcome(text)).toEqual({
      body: `${LEAD}\n\n${LAST}`,
      removed: [
        cut(text, 'Photo: A crane lifts a girder onto a barge below the bridge on Monday.', 'caption'),
        cut(text, 'A crane lifts a girder onto a barge below the bridge on Monday.', 'caption', 1),
      ],
    })
  })

  it('removes captions with an agency tail: "(AP Photo/…)" and "Name / Agency Images"', () => {
    const text = around('Drivers wait at the detour on Route 9. (AP Photo/Lena Ortiz)\n\nVolunteers stack sandbags by the library.Marta Kovacs / Northwind Images')
    expect(outcome(text)).toEqual({
      body: `${LEAD}\n\n${MORE}\n\n${LAST}`,
      removed: [
        cut(text, 'Drivers wait at the detour on Route 9. (AP Photo/Lena Ortiz)', 'caption'),
        cut(text, 'Volunteers stack sandbags by the library.Marta Kovacs / Northwind Images', 'caption'),
      ],
    })
  })

  it('removes photo credit lines on their own', () => {
    const text = around('Marta Kovacs / Northwind Images\n\nPhoto by Lena Ortiz / The Courier')
    expect(outcome(text)).toEqual({
      body: `${LEAD}\n\n${MORE}\n\n${LAST}`,
      removed: [cut(text, 'Marta Kovacs / Northwind Images', 'credit'), cut(text, 'Photo by Lena Ortiz / The Courier', 'credit')],
    })
  })

  it('removes the caption above a credit line, in the same paragraph or the one before', () => {
    const text = around('Two divers inspect the pier footings beneath the bridge on Monday.\nMarta Kovacs / Northwind Images\n\nA barge carries the old girders downstream.\n\nLi Wei / Tri-County Press Images')
    expect(outcome(text)).toEqual({
      body: `${LEAD}\n\n${MORE}\n\n${LAST}`,
      removed: [
        cut(text, 'Two divers inspect the pier footings beneath the bridge on Monday.', 'caption'),
        cut(text, 'Marta Kovacs / Northwind Images', 'credit'),
        cut(text, 'A barge carries the old girders downstream.', 'caption'),
        cut(text, 'Li Wei / Tri-County Press Images', 'credit'),
      ],
    })
  })

  it('keeps reported prose above a credit line: only a caption-like sentence goes with it', () => {
    const prose = [
      'Crews will work at night, the county said.',
      '"We had no choice," Ortiz told reporters.',
      'The bridge opened in 1962. It carries 38,000 cars a day.',
    ]
    const text = prose.map((p) => `${LEAD}\n\n${p}\n\nMarta Kovacs / Northwind Images\n\n${LAST}`)
    expect(text.map((t) => outcome(t).removed.map((r) => r.reason))).toEqual([['credit'], ['credit'], ['credit']])
  })

  it('removes "Related:" and "Read more:" teasers and a bare "Related stories" label', () => {
    const text = around('Related: Detours add 20 minutes to the school run\n\nRead more: How the county pays for its bridges\n\nRelated stories')
    expect(outcome(text)).toEqual({
      body: `${LEAD}\n\n${MORE}\n\n${LAST}`,
      removed: [
        cut(text, 'Related: Detours add 20 minutes to the school run', 'related'),
        cut(text, 'Read more: How the county pays for its bridges', 'related'),
        cut(text, 'Related stories', 'related'),
      ],
    })
  })

  it('removes copyright and footer lines', () => {
    const text = `${LEAD}\n\n${LAST}\n\n© 2024 Valley Courier Media. All rights reserved.\n\nCopyright 2024 Tri-County Press. This material may not be published, broadcast, rewritten or redistributed.`
    expect(outcome(text)).toEqual({
      body: `${LEAD}\n\n${LAST}`,
      removed: [
        cut(text, '© 2024 Valley Courier Media. All rights reserved.', 'copyright'),
        cut(text, 'Copyright 2024 Tri-County Press. This material may not be published, broadcast, rewritten or redistributed.', 'copyright'),
      ],
    })
  })

  it('removes social prompts', () => {
    const text = around('Share this article\n\nFollow us on Instagram\n\nFacebook\n\nLeave a comment\n\nFollow Valley Courier News on Twitter.')
    expect(outcome(text)).toEqual({
      body: `${LEAD}\n\n${MORE}\n\n${LAST}`,
      removed: ['Share this article', 'Follow us on Instagram', 'Facebook', 'Leave a comment', 'Follow Valley Courier News on Twitter.'].map((p) => cut(text, p, 'social')),
    })
  })

  it.each([['By Jane Doe'], ['By JANE DOE and OMAR REYES'], ['by Jane Doe, Staff Writer'], ['By Jane Doe, Omar Reyes and Li Wei']])('removes the byline `%s`', (byline) => {
    const text = `${byline}\n\n${LEAD}\n\n${LAST}`
    expect(cleanOne(text)).toMatchObject({ headline: null, body: `${LEAD}\n\n${LAST}`, removed: [cut(text, byline, 'byline')] })
  })

  it('removes reporting credits at the end', () => {
    const text = `${LEAD}\n\n${LAST}\n\n(Reporting by Lena Ortiz; Editing by Sam Hill)`
    expect(outcome(text)).toEqual({ body: `${LEAD}\n\n${LAST}`, removed: [cut(text, '(Reporting by Lena Ortiz; Editing by Sam Hill)', 'byline')] })
  })

  it('removes contributor credits, and keeps a sentence that reports who contributed', () => {
    const credits = ['Associated Press writer Jill Lawless contributed to this report.', 'Omar Reyes and Li Wei contributed reporting.', 'Valley Courier staff contributed to this story from Riverton.']
    const kept = 'Residents contributed to the report, the mayor said.'
    const text = `${LEAD}\n\n${kept}\n\n${LAST}\n\n${credits.join('\n\n')}`
    expect(outcome(text)).toEqual({ body: `${LEAD}\n\n${kept}\n\n${LAST}`, removed: credits.map((c) => cut(text, c, 'byline')) })
  })

  it("removes the site's notices of privacy, terms and standards, and a newsletter prompt, but not news about a privacy policy", () => {
    const notices = [
      'Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties.',
      'For more information see our Privacy Policy.',
      'We use Google reCaptcha to protect our website and the Google Privacy Policy and Terms of Service apply.',
      'Our Standards: The Valley Courier Trust Principles.',
    ]
    const prompt = 'Sign up to Morning Brief, our free daily newsletter'
    const news = 'The county changed its privacy policy for bridge cameras in March.'
    const text = `${LEAD}\n\n${prompt}\n\n${news}\n\n${notices.join('\n\n')}\n\n${LAST}`
    expect(outcome(text)).toEqual({ body: `${LEAD}\n\n${news}\n\n${LAST}`, removed: [cut(text, prompt, 'subscription'), ...notices.map((n) => cut(text, n, 'copyright'))] })
  })

  it('removes captions labelled with a comma ("Image caption, …", "Media caption, …", "Image source, …") and topic and reuse labels', () => {
    const captions = ['Image source, Northwind Images', 'Image caption, Divers inspect the footings on Monday', 'Media caption, Mayor Ana Ruiz: "The pier is safe"']
    const text = `${LEAD}\n\n${captions.join('\n')}\n\n${MORE}\n\nExplore more on these topics\n\nReuse this content\n\n${LAST}`
    expect(outcome(text)).toMatchObject({
      body: `${LEAD}\n\n${MORE}\n\n${LAST}`,
      removed: [...captions.map((c) => cut(text, c, 'caption')), cut(text, 'Explore more on these topics', 'related'), cut(text, 'Reuse this content', 'social')],
    })
  })

  it('removes a block that repeats an earlier paragraph', () => {
    const text = `${LEAD}\n\n${MORE}\n\n${LEAD}\n\n${LAST}`
    expect(outcome(text)).toEqual({ body: `${LEAD}\n\n${MORE}\n\n${LAST}`, removed: [cut(text, LEAD, 'duplicate-block', 1)] })
  })

  it('treats a repeat as a duplicate whatever its case and punctuation', () => {
    const text = `${LEAD}\n\n${MORE}\n\n${MORE.toUpperCase().replace(/,/g, '')}\n\n${LAST}`
    expect(outcome(text).removed.map((r) => r.reason)).toEqual(['duplicate-block'])
  })
})

// ---- Headlines, section labels, subheadings ------------------------------------------------------------

describe('clean: headlines and labels', () => {
  it('removes the metadata title repeated at the top as `repeated-headline`', () => {
    const text = `Bridge to Close for Six Weeks\n\n${LEAD}`
    expect(cleanOne(text, { title: 'Bridge to close for six weeks' })).toMatchObject({
      headline: 'Bridge to close for six weeks',
      body: LEAD,
      removed: [cut(text, 'Bridge to Close for Six Weeks', 'repeated-headline')],
    })
  })

  it('removes the title repeated even when it ends with punctuation or is not the first block', () => {
    const text = `Politics | City Hall\n\nIs the bridge safe? Council says no.\n\n${LEAD}\n\nIs the bridge safe? Council says no.\n\n${LAST}`
    expect(outcome(text, { title: 'Is the bridge safe? Council says no.' })).toEqual({
      body: `${LEAD}\n\n${LAST}`,
      removed: [
        cut(text, 'Politics | City Hall', 'section-label'),
        cut(text, 'Is the bridge safe? Council says no.', 'repeated-headline'),
        cut(text, 'Is the bridge safe? Council says no.', 'repeated-headline', 1),
      ],
    })
  })

  it('without a title, takes the first headline-like line at the top as the headline', () => {
    const text = `Bridge to close for six weeks\n\n${LEAD}\n\n${LAST}`
    expect(cleanOne(text)).toMatchObject({ headline: 'Bridge to close for six weeks', body: `${LEAD}\n\n${LAST}`, removed: [cut(text, 'Bridge to close for six weeks', 'headline')] })
  })

  it('without a title, removes a second copy of the found headline as `repeated-headline`', () => {
    const text = `Bridge to close for six weeks\n${LEAD}\n\nBridge to close for six weeks\n\n${LAST}`
    expect(cleanOne(text)).toMatchObject({
      headline: 'Bridge to close for six weeks',
      removed: [cut(text, 'Bridge to close for six weeks', 'headline'), cut(text, 'Bridge to close for six weeks', 'repeated-headline', 1)],
    })
  })

  it('with a title, removes other headline-like lines at the top as `headline` and keeps the title', () => {
    const text = `Detours expected as repairs begin\n\n${LEAD}`
    expect(cleanOne(text, { title: 'Bridge to close' })).toMatchObject({ headline: 'Bridge to close', body: LEAD, removed: [cut(text, 'Detours expected as repairs begin', 'headline')] })
  })

  it.each([['News/Region'], ['Politics | City Hall'], ['World'], ['Local News › Courts']])('removes the section label `%s` at the top', (label) => {
    const text = `${label}\n\n${LEAD}`
    expect(outcome(text)).toEqual({ body: LEAD, removed: [cut(text, label, 'section-label')] })
  })

  it('does not take a photo credit at the top for a section label', () => {
    const text = `Marta Kovacs / Reuters\n\n${LEAD}`
    expect(outcome(text)).toEqual({ body: LEAD, removed: [cut(text, 'Marta Kovacs / Reuters', 'credit')] })
  })

  it('removes short subheadings in the middle of the body', () => {
    const text = around('What happens next')
    expect(outcome(text)).toEqual({ body: `${LEAD}\n\n${MORE}\n\n${LAST}`, removed: [cut(text, 'What happens next', 'subheading')] })
  })

  it('keeps a short unpunctuated last line: it may be the end of the story', () => {
    const text = `${LEAD}\n\nThe vote was 7-2`
    expect(outcome(text)).toEqual({ body: text, removed: [] })
  })

  it('keeps a long unpunctuated paragraph in the body', () => {
    const long = 'Residents of the east bank who cross the river twice a day to reach the school and the clinic will have to drive 20 extra minutes each way'
    const text = `${LEAD}\n\n${long}\n\n${LAST}`
    expect(outcome(text)).toEqual({ body: text, removed: [] })
  })
})

// ---- Datelines ----------------------------------------------------------------------------------------

describe('clean: datelines', () => {
  it.each([
    ['MOSCOW —', 'MOSCOW'],
    ['PORT ALDER (CPA) —', 'PORT ALDER (CPA)'],
    ['WASHINGTON (Reuters) -', 'WASHINGTON (Reuters)'],
    ['SAN JUAN, Puerto Rico (AP) —', 'SAN JUAN, Puerto Rico (AP)'],
    ['NEW YORK --', 'NEW YORK'],
    ['KYIV, Ukraine –', 'KYIV, Ukraine'],
    ['FERGUSON, Mo. —', 'FERGUSON, Mo.'],
    ['LOS ANGELES, May 4 (Reuters) -', 'LOS ANGELES, May 4 (Reuters)'],
    ['WASHINGTON, Dec. 3, 2008 (Xinhua) --', 'WASHINGTON, Dec. 3, 2008 (Xinhua)'],
    ['LOS ANGELES (AP) _', 'LOS ANGELES (AP)'],
    ['(CNN) --', '(CNN)'],
    ['(Reuters) -', '(Reuters)'],
  ])('takes the dateline `%s` off the first paragraph', (prefix, dateline) => {
    const text = `${prefix} ${LEAD}\n\n${LAST}`
    expect(cleanOne(text)).toMatchObject({ dateline, body: `${LEAD}\n\n${LAST}`, paragraphs: [0, LEAD.length + 2], removed: [cut(text, prefix, 'dateline')] })
  })

  it('takes a dateline written without spaces around the dash', () => {
    const text = `MOSCOW—${LEAD}`
    expect(cleanOne(text)).toMatchObject({ dateline: 'MOSCOW', body: LEAD, removed: [cut(text, 'MOSCOW—', 'dateline')] })
  })

  it('takes an agency written against the first word without a dash: "(CNN)The council …"', () => {
    const text = `(CNN)${LEAD}`
    expect(cleanOne(text)).toMatchObject({ dateline: '(CNN)', body: LEAD, removed: [cut(text, '(CNN)', 'dateline')] })
  })

  it.each([['(Updated) '], ['(VIDEO) '], ['(FILE) ']])('takes no label without a dash for an agency: %s', (prefix) => {
    const text = `${prefix}${LEAD}`
    expect(cleanOne(text)).toMatchObject({ dateline: null, body: text })
  })

  it('keeps offsets of a dateline after boilerplate and indentation', () => {
    const text = `ADVERTISEMENT\n\n   MOSCOW — ${LEAD}`
    expect(outcome(text)).toEqual({ body: LEAD, removed: [cut(text, 'ADVERTISEMENT', 'advertising'), cut(text, 'MOSCOW —', 'dateline')] })
  })

  it('looks for a dateline only at the start of the first body paragraph', () => {
    const text = `${LEAD}\n\nMOSCOW — ${LAST}`
    expect(cleanOne(text)).toMatchObject({ dateline: null, body: text, removed: [] })
  })

  it.each([
    ['COVID-19 cases rose sharply in the county last week, health officials said.'],
    ['US-China trade talks resumed on Monday in Geneva, officials said.'],
    ['UK-based lenders raised their rates on Tuesday.'],
    ['AI-driven cameras will watch the bridge, the county said.'],
  ])('does not take a hyphenated word for a dateline: %s', (first) => {
    const text = `${first}\n\n${LAST}`
    expect(cleanOne(text)).toMatchObject({ dateline: null, body: text, removed: [] })
  })
})

// ---- False positives ------------------------------------------------------------------------------------

describe('clean: page furniture around the text', () => {
  it.each([
    ['Filed under: Celebrity news', 'section-label'],
    ['Tags: earthquake, Varno, rescue', 'section-label'],
    ['Topics: Bridges', 'section-label'],
    ['Posted in: World', 'section-label'],
    ['Keywords: BRIDGE/', 'section-label'],
    ['Published: Tuesday, May 4, 2007 3:15 PM', 'timestamp'],
    ['Updated 3:45 p.m. ET, Fri May 4, 2007', 'timestamp'],
    ['Last updated: 12:01 GMT, 4 May 2007', 'timestamp'],
    ['First published on Tue 4 May 2007 10.12 BST', 'timestamp'],
    ['Posted: 05/04/2007 10:12 AM EDT', 'timestamp'],
    ['Updated at 10:15 a.m.', 'timestamp'],
    ['Posted 2 hours ago', 'timestamp'],
    ['May 4, 2007, 10:12 a.m. ET', 'timestamp'],
    ['4 May 2007', 'timestamp'],
    ['Posted by: Entertainment Desk', 'byline'],
    ['This article was originally published by The Conversation.', 'byline'],
    ['E-mail to a friend', 'social'],
    ['Click to share on Twitter (Opens in new window)', 'social'],
    ['Find this article at: http://www.example.com/2007/05/04/bridge', 'social'],
    ['Have a news tip? Email us at tips@example.com', 'social'],
  ] as const)('removes `%s` (%s) at the end of the article as in its middle', (line, reason) => {
    const last = `${LEAD}\n\n${LAST}\n\n${line}`
    expect(outcome(last)).toEqual({ body: `${LEAD}\n\n${LAST}`, removed: [cut(last, line, reason)] })
    const middle = around(line)
    expect(outcome(middle)).toEqual({ body: `${LEAD}\n\n${MORE}\n\n${LAST}`, removed: [cut(middle, line, reason)] })
  })

  it.each([
    ['Published in 2007, the report found that 12 bridges were unsafe.'],
    ['Updated figures on May 4 showed 14 bridges closed.'],
    ['On May 4, 2007, at 10:12 a.m. the bridge was closed.'],
    ['Tags were found on 12 of the birds.'],
    ['The study was first published in a journal in 2019, the county said.'],
    ['Email the council to object, the petition urged residents.'],
  ])('keeps the prose that shares their words: %s', (sentence) => {
    const text = `${LEAD}\n\n${LAST}\n\n${sentence}`
    expect(outcome(text)).toEqual({ body: text, removed: [] })
  })
})

describe('clean: ordinary news sentences are kept', () => {
  it.each([
    ['The paper said its subscribers had doubled since June.'],
    ['I keep reading about the bridge in the news, she said.'],
    ['Share prices fell 3 percent after the announcement.'],
    ['Related to the case, police said two men were arrested.'],
    ['Photo albums and letters were recovered from the house.'],
    ['Photographs of the scene were shared widely online.'],
    ['Watch parties were held across the city.'],
    ['Follow the money, the senator said.'],
    ['By the end of the day, the line stretched around the block.'],
    ['By Tuesday, crews had reopened two lanes.'],
    ['Advertising revenue fell 12 percent in the quarter, the company said.'],
    ['The change affects only subscribers who joined before 2020, the company said.'],
    ['More than 300 residents sign up for the program each year, the director said.'],
    ['She plans to continue reading to children at the library every Saturday.'],
    ['The bill would expand digital access in rural schools, its sponsor said.'],
    ['The clinic offered a free trial of the drug to 40 patients.'],
    ['Unlimited access to the beach will end in May, the mayor said.'],
    ['Residents must create an account on the county website to pay the toll.'],
    ['Copyright lawyers for the studio filed suit on Monday.'],
    ['Copyright law does not protect facts, the judge wrote.'],
    ['The app is not supported on older phones, the company said.'],
    ['Reporting by the local paper revealed the leak.'],
    ['Produced by the county, the film shows the flood.'],
    ['Already a member of the club, Ortiz joined its board in 2019.'],
    ['Comments from residents were mostly negative.'],
  ])('keeps: %s', (sentence) => {
    const text = around(sentence)
    expect(outcome(text)).toEqual({ body: `${LEAD}\n\n${MORE}\n\n${sentence}\n\n${LAST}`, removed: [] })
  })

  it('keeps a paragraph that mentions the words of an earlier short caption', () => {
    const text = `Photo: Flooding in Riverton\n\nFlooding in Riverton forced 200 families from their homes on Tuesday, officials said.\n\n${LAST}`
    expect(outcome(text)).toEqual({
      body: `Flooding in Riverton forced 200 families from their homes on Tuesday, officials said.\n\n${LAST}`,
      removed: [cut(text, 'Photo: Flooding in Riverton', 'caption')],
    })
  })

  it('keeps a subscription prompt longer than `maxBoilerplateWords`', () => {
    const prompt = `Subscribe now for the full story: ${'and more '.repeat(10).trim()}.`
    const text = around(prompt)
    expect({ default: outcome(text).removed.length, strict: outcome(text, {}, { maxBoilerplateWords: 10 }).body }).toEqual({
      default: 1,
      strict: `${LEAD}\n\n${MORE}\n\n${prompt}\n\n${LAST}`,
    })
  })
})

// ---- Line structure and offsets ----------------------------------------------------------------------

describe('clean: blocks and offsets', () => {
  it('splits a paragraph of separate lines into one block per line', () => {
    const text = `Bridge to close\nADVERTISEMENT\n${LEAD}\n${LAST}`
    expect(cleanOne(text)).toMatchObject({
      headline: 'Bridge to close',
      body: `${LEAD}\n\n${LAST}`,
      removed: [cut(text, 'Bridge to close', 'headline'), cut(text, 'ADVERTISEMENT', 'advertising')],
    })
  })

  it('joins a hard-wrapped paragraph into one, a space for each line break', () => {
    const text = 'The county council voted on Tuesday to close the bridge for repairs\nafter engineers found cracks in two of its steel girders during a\nroutine inspection last month, the county said in a statement.\n\n' + LAST
    expect(outcome(text)).toEqual({
      body: 'The county council voted on Tuesday to close the bridge for repairs after engineers found cracks in two of its steel girders during a routine inspection last month, the county said in a statement.\n\n' + LAST,
      removed: [],
    })
  })

  it('keeps a headline and an ad marker on their own lines out of a hard-wrapped paragraph', () => {
    const text =
      'Bridge to close for six weeks\n' +
      'The county council voted on Tuesday to close the bridge for repairs\n' +
      'after engineers found cracks in two of its steel girders during a\n' +
      'routine inspection last month, the county said in a statement.\n' +
      'ADVERTISEMENT\n' +
      'The work will take six weeks and cost the county $2.1 million,\n' +
      'officials said.'
    expect(cleanOne(text)).toMatchObject({
      headline: 'Bridge to close for six weeks',
      body:
        'The county council voted on Tuesday to close the bridge for repairs after engineers found cracks in two of its steel girders during a routine inspection last month, the county said in a statement.\n\n' +
        'The work will take six weeks and cost the county $2.1 million, officials said.',
      removed: [cut(text, 'Bridge to close for six weeks', 'headline'), cut(text, 'ADVERTISEMENT', 'advertising')],
    })
  })

  it('reports a removed hard-wrapped block with its original text', () => {
    const notice =
      'This article may not be published, broadcast or redistributed in\nany form without the written permission of Valley Courier Media,\nits editors and its lawyers, and of the photographers it names.'
    const text = `${LEAD}\n\n${notice}\n\n${LAST}`
    expect(outcome(text)).toEqual({ body: `${LEAD}\n\n${LAST}`, removed: [cut(text, notice, 'copyright')] })
  })

  it('indexes removals in the original text around indentation, tabs and blank lines', () => {
    const text = `\n\n  ADVERTISEMENT  \n\t${LEAD}\n   \n\n  Share this article\n${LAST}\n\n`
    expect(outcome(text)).toEqual({ body: `${LEAD}\n\n${LAST}`, removed: [cut(text, 'ADVERTISEMENT', 'advertising'), cut(text, 'Share this article', 'social')] })
  })

  it('sorts removals by their place in the text, dateline included', () => {
    const text = `Bridge to close\n\nMOSCOW — ${LEAD}\n\nADVERTISEMENT\n\n${LAST}`
    expect(outcome(text).removed.map((r) => r.reason)).toEqual(['headline', 'dateline', 'advertising'])
  })
})
