// The package's entry point in-process: analyzeArticles on articles held in memory, its messages and its errors.
// (test/pipeline/package.test.ts requires the same entry from the packed and installed tarball.)
import { analyzeArticles, STORY_FILE_NAMES } from '../../pipeline/library.js'

const HARROW = `Voters in Harrow approved a new library levy on Saturday by a margin of 812 votes.

The levy will raise about 1.4 million dollars a year for longer opening hours and new books.

Librarian Tomas Rilke said the branch on Mill Lane would open on Sundays from next spring.
`
const NORTH = `Harrow voters approved a new library levy on Saturday by a margin of 900 votes.

The money, about 1.4 million dollars a year, will pay for longer opening hours and new books.

Opponents had argued that the town could not afford another tax this year.
`

describe('analyzeArticles', () => {
  it('returns the ledger, the messages and the report files of articles held in memory', async () => {
    const result = await analyzeArticles(
      [
        { id: 'harrow', outlet: 'Harrow Post', text: HARROW },
        { id: 'north', outlet: 'North Bulletin', text: NORTH, published: '2031-05-12' },
        { id: 'blank', outlet: 'Blank Times', text: '' },
      ],
      { storyId: 'levy', progress: () => {} },
    )
    const ledger = result.ledger!
    expect({
      storyId: result.storyId,
      status: result.status,
      story: ledger.story.id,
      articles: ledger.articles.map((a) => [a.id, a.outlet]),
      conflicts: ledger.conflicts.map((c) => [c.relation, c.valueA, c.valueB]),
      messages: result.messages.filter((m) => m.severity !== 'info').map(String),
      files: [...result.files!.keys()].sort(),
    }).toEqual({
      storyId: 'levy',
      status: 'ok',
      story: 'levy',
      articles: [
        ['harrow', 'Harrow Post'],
        ['north', 'North Bulletin'],
      ],
      conflicts: [['number_conflict', '812', '900']],
      messages: ['<articles>:3: warning: Unexpected empty article `blank`; skipped [ingest/empty-article]'],
      files: [...STORY_FILE_NAMES].sort(),
    })
  })

  it('takes the story from the articles, and says why there is no ledger', async () => {
    const result = await analyzeArticles([{ id: 'only', story: 'lone', text: HARROW }], { progress: () => {} })
    expect({ storyId: result.storyId, status: result.status, ledger: result.ledger, files: result.files, messages: result.messages.filter((m) => m.severity !== 'info').map(String) }).toEqual({
      storyId: 'lone',
      status: 'too-few-articles',
      ledger: null,
      files: null,
      messages: ['lone: fatal: Expected at least 2 usable articles in the story, got 1; no report written [analyze/too-few-articles]'],
    })
  })

  it('throws a TypeError with a code for what is not one story of articles', async () => {
    const errors = await Promise.all([
      analyzeArticles('text' as never).catch((e: TypeError & { code: string }) => [e.name, e.code, e.message]),
      analyzeArticles([null as never]).catch((e: TypeError & { code: string }) => [e.name, e.code, e.message]),
      analyzeArticles([
        { id: 'a', story: 'one', text: HARROW },
        { id: 'b', story: 'two', text: NORTH },
      ]).catch((e: TypeError & { code: string }) => [e.name, e.code, e.message]),
      analyzeArticles([{ id: 'a', text: HARROW }], { lexicons: { hedges: 'maybe' } }).catch((e: TypeError & { code: string }) => [e.name, e.code, e.message]),
    ])
    expect(errors).toEqual([
      ['TypeError', 'ERR_INVALID_ARG_TYPE', 'Expected `articles` to be an array of articles, got `string`'],
      ['TypeError', 'ERR_INVALID_ARG_TYPE', 'Expected article 0 to be an object, got `null`'],
      ['TypeError', 'ERR_INVALID_ARG_VALUE', 'Expected the articles of one story, got 2 (`one`, `two`); call analyzeArticles once per story'],
      ['TypeError', 'ERR_INVALID_ARG_VALUE', 'Expected `lexicons.hedges` in `options.lexicons` to be a list of words, got `string`'],
    ])
  })

  it('takes the report options of `analyze` that make sense in memory: outlets, html, xlsx', async () => {
    const articles = [
      { id: 'harrow', outlet: 'HP', text: HARROW },
      { id: 'north', outlet: 'North Bulletin', text: NORTH },
    ]
    const result = await analyzeArticles(articles, { storyId: 'levy', outlets: { HP: 'Harrow Post' }, html: false, xlsx: true, progress: () => {} })
    expect({
      outlets: result.ledger!.articles.map((a) => a.outlet),
      html: result.files!.has('report.html'),
      files: result.files!.size,
      // A workbook is a zip: it opens with `PK`.
      workbook: result.workbook === null ? null : Buffer.from(result.workbook.subarray(0, 2)).toString('latin1'),
      plain: (await analyzeArticles(articles, { progress: () => {} })).workbook,
    }).toEqual({ outlets: ['Harrow Post', 'North Bulletin'], html: false, files: STORY_FILE_NAMES.length - 1, workbook: 'PK', plain: null })
  })

  it('refuses an option it does not take rather than ignore it', async () => {
    const tried = (options: object) => analyzeArticles([{ id: 'a', text: HARROW }], options as never).then(() => null, (e: TypeError & { code: string }) => [e.name, e.code, e.message])
    const expected = 'expected one of `storyId`, `model`, `lexicons`, `digestWords`, `maxBytes`, `excel`, `outlets`, `html`, `xlsx`, `progress`'
    expect(await Promise.all([tried({ outlet: { HP: 'Harrow Post' } }), tried({ noHtml: true }), tried({ out: 'reports' }), tried({ html: 'no' }), tried({ outlets: { HP: '' } })])).toEqual([
      ['TypeError', 'ERR_INVALID_ARG_VALUE', `Unexpected option \`outlet\` of analyzeArticles; ${expected}`],
      ['TypeError', 'ERR_INVALID_ARG_VALUE', `Unexpected option \`noHtml\` of analyzeArticles; pass \`html: false\`; ${expected}`],
      ['TypeError', 'ERR_INVALID_ARG_VALUE', `Unexpected option \`out\` of analyzeArticles (an option of \`corroborate analyze\`, which reads a corpus and writes a folder); ${expected}`],
      ['TypeError', 'ERR_INVALID_ARG_TYPE', 'Expected `options.html` to be true or false, got `string`'],
      ['TypeError', 'ERR_INVALID_ARG_VALUE', 'Expected `options.outlets.HP` to be a non-empty string, got ``'],
    ])
  })
})
