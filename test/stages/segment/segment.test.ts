// segment(): a document's units put together: ids, offsets, the headline unit, minWords, what is left out and why.
import { clean } from '../../../stages/clean/index.js'
import { ingest } from '../../../stages/ingest/index.js'
import { MessageLog } from '../../../core/messages.js'
import { segment } from '../../../stages/segment/index.js'
import { cleanArticle, run, sentencesOf } from './fixture.js'

describe('segment: sentences', () => {
  it('splits paragraphs first, so a line without a full stop never glues onto the next sentence', () => {
    const sentences = sentencesOf(['Leaders meet in Geneva amid tension', 'The talks opened on Monday. Both sides were cautious.'])
    expect(sentences.map((s) => [s.paragraph, s.text])).toEqual([
      [0, 'Leaders meet in Geneva amid tension'],
      [1, 'The talks opened on Monday.'],
      [1, 'Both sides were cautious.'],
    ])
  })

  it('keeps a headline and boilerplate lines out of the body sentences, through clean', () => {
    const log = new MessageLog()
    const text = 'World | Europe\nLeaders meet in Geneva amid tension\nADVERTISEMENT\nThe talks opened on Monday in the old city.\nShare this article\nBoth sides were cautious, aides said.'
    const articles = ingest([{ kind: 'text', file: 'summit/courier.txt', story: 'summit', id: 'courier', bytes: Buffer.from(text) }], log)
    const documents = segment(clean(articles, log), log)
    expect({ sentences: documents.flatMap((d) => d.sentences.map((s) => s.text)), headline: documents[0]?.article.headline, messages: log.messages.map(String) }).toEqual({
      sentences: ['The talks opened on Monday in the old city.', 'Both sides were cautious, aides said.'],
      headline: 'Leaders meet in Geneva amid tension',
      messages: [],
    })
  })

  it('gives each sentence its id, index, paragraph and offsets into the body', () => {
    const sentences = sentencesOf(['The talks opened on Monday.', 'Both sides were cautious. Aides said little.'])
    expect(sentences.map(({ id, article, outlet, index, paragraph, text, begin, end }) => ({ id, article, outlet, index, paragraph, text, begin, end }))).toEqual([
      { id: 'courier#0', article: 'courier', outlet: 'Valley Courier', index: 0, paragraph: 0, text: 'The talks opened on Monday.', begin: 0, end: 27 },
      { id: 'courier#1', article: 'courier', outlet: 'Valley Courier', index: 1, paragraph: 1, text: 'Both sides were cautious.', begin: 29, end: 54 },
      { id: 'courier#2', article: 'courier', outlet: 'Valley Courier', index: 2, paragraph: 1, text: 'Aides said little.', begin: 55, end: 73 },
    ])
  })

  it('makes the headline a unit of its own: id `#h`, index -1, names resolved from the body, out of the sentences and word count', () => {
    const article = { ...cleanArticle(['Vladimir Putin spoke to Donald Trump on Saturday.']), headline: 'Putin Calls Trump' }
    const [doc] = run([article]).documents
    expect({ sentences: doc!.sentences.length, words: doc!.words, headline: { id: doc!.headline!.id, unit: doc!.headline!.unit, index: doc!.headline!.index, text: doc!.headline!.text, names: doc!.headline!.entities.map((e) => e.name) } }).toEqual({
      sentences: 1,
      words: 8,
      headline: { id: 'courier#h', unit: 'headline', index: -1, text: 'Putin Calls Trump', names: ['Vladimir Putin', 'Donald Trump'] },
    })
  })

  it('returns the whole document: sentences with tokens, entities, numbers and quotes, and the word count', () => {
    const article = cleanArticle(['Ana Ruiz won 52 percent.'])
    expect(run([article])).toEqual({
      documents: [
        {
          article,
          headline: null,
          words: 5,
          sentences: [
            {
              id: 'courier#0',
              article: 'courier',
              outlet: 'Valley Courier',
              index: 0,
              paragraph: 0,
              text: 'Ana Ruiz won 52 percent.',
              begin: 0,
              end: 24,
              tokens: [
                { text: 'Ana', begin: 0, end: 3, normal: 'ana', stem: 'ana', pos: 'PROPN', kind: 'word', stop: false },
                { text: 'Ruiz', begin: 4, end: 8, normal: 'ruiz', stem: 'ruiz', pos: 'PROPN', kind: 'word', stop: false },
                { text: 'won', begin: 9, end: 12, normal: 'won', stem: 'won', pos: 'VERB', kind: 'word', stop: false },
                { text: '52', begin: 13, end: 15, normal: '52', stem: '52', pos: 'NUM', kind: 'number', stop: false },
                { text: 'percent', begin: 16, end: 23, normal: 'percent', stem: 'percent', pos: 'NOUN', kind: 'word', stop: false },
                { text: '.', begin: 23, end: 24, normal: '.', stem: '.', pos: 'PUNCT', kind: 'punctuation', stop: false },
              ],
              entities: [{ text: 'Ana Ruiz', name: 'Ana Ruiz', type: 'person', begin: 0, end: 8 }],
              numbers: [{ text: '52', value: 52, unit: 'percent', begin: 13, end: 15 }],
              quotes: [],
              attribution: null,
              unit: 'sentence',
            },
          ],
        },
      ],
      messages: [],
    })
  })

  it('drops sentences under `minWords` (default 3) and numbers the rest without gaps', () => {
    const paragraphs = ['Ok. The talks opened on Monday.', 'Yes. Both sides were cautious.']
    expect({
      default: sentencesOf(paragraphs).map((s) => [s.id, s.text]),
      one: sentencesOf(paragraphs, { minWords: 1 }).map((s) => s.text),
      five: sentencesOf(paragraphs, { minWords: 5 }).map((s) => s.text),
    }).toEqual({
      default: [
        ['courier#0', 'The talks opened on Monday.'],
        ['courier#1', 'Both sides were cautious.'],
      ],
      one: ['Ok.', 'The talks opened on Monday.', 'Yes.', 'Both sides were cautious.'],
      five: ['The talks opened on Monday.'],
    })
  })

  it('lists the sentences it drops in `removed`, with offsets into the text: nothing goes missing unseen', () => {
    const { documents, messages } = run([cleanArticle(['Ok. The talks opened on Monday.', 'Yes. Both sides were cautious.'])])
    expect({ removed: documents[0]!.article.removed, messages }).toEqual({
      removed: [
        { text: 'Ok.', reason: 'short-sentence', begin: 0, end: 3 },
        { text: 'Yes.', reason: 'short-sentence', begin: 33, end: 37 },
      ],
      messages: [],
    })
  })

  it('leaves out Arabic, Hebrew and Chinese paragraphs of an English article with a `removed` entry and an info message', () => {
    const arabic = 'قال رئيس البلدية إن الجسر الجديد سيفتح في الربيع المقبل.'
    const hebrew = 'ראש העיר אמר שהגשר ייפתח באביב.'
    const chinese = '他说桥梁将在春天开放。'
    const text = `The mayor spoke on Monday about the bridge.\n\n${arabic}\n\n${hebrew}\n\n${chinese}\n\n😀😀😀\n\nThe council will vote next week.`
    const log = new MessageLog()
    const documents = segment(clean(ingest([{ kind: 'text', file: 'summit/courier.txt', story: 'summit', id: 'courier', bytes: Buffer.from(text) }], log), log), log)
    const at = (part: string) => ({ begin: text.indexOf(part), end: text.indexOf(part) + part.length })
    expect({ sentences: documents[0]!.sentences.map((s) => s.text), removed: documents[0]!.article.removed, messages: log.messages.map(String) }).toEqual({
      sentences: ['The mayor spoke on Monday about the bridge.', 'The council will vote next week.'],
      removed: [
        { text: arabic, reason: 'other-script', ...at(arabic) },
        { text: hebrew, reason: 'other-script', ...at(hebrew) },
        { text: chinese, reason: 'other-script', ...at(chinese) },
        { text: '😀😀😀', reason: 'no-words', ...at('😀😀😀') },
      ],
      messages: [
        `summit/courier.txt:${at(arabic).begin}-${at(arabic).end}: info: Expected text in the Latin script, got 3 sentence(s) in Arabic, Hebrew, Han; left out, listed in \`removed\` [segment/other-script]`,
      ],
    })
  })

  it('counts words and numbers, not punctuation, in `minWords` and `words`', () => {
    const article = cleanArticle(['The vote — 7 to 2 — passed.'])
    expect({ six: run([article], { minWords: 6 }).documents.map((d) => d.words), seven: run([article], { minWords: 7 }).documents.length }).toEqual({ six: [6], seven: 0 })
  })

  it('drops an article without a sentence of `minWords` words with a warning (it holds no text); the others survive', () => {
    const { documents, messages } = run([cleanArticle(['Ok. Yes.', 'No!'], 'brief'), cleanArticle(['The talks opened on Monday.'])])
    expect({ ids: documents.map((d) => d.article.id), messages }).toEqual({
      ids: ['courier'],
      messages: ['summit/brief.txt: warning: Expected at least one sentence of 3 or more words, got none; skipped [segment/no-sentences]'],
    })
  })

  it('says which `minWords` it used in the message', () => {
    expect(run([cleanArticle(['The talks opened on Monday.'])], { minWords: 8 }).messages).toEqual([
      'summit/courier.txt: warning: Expected at least one sentence of 8 or more words, got none; skipped [segment/no-sentences]',
    ])
  })

  it('never mutates its input', () => {
    const article = cleanArticle(['Russian President Vladimir Putin said "we are ready," and left.'])
    const before = structuredClone(article)
    run([article])
    expect(article).toEqual(before)
  })
})

// ---- Tokens -------------------------------------------------------------------------------------------
