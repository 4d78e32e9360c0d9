import { franc } from 'franc-min'
import { clean } from '../../../stages/clean/index.js'
import { LANGUAGE_MIN_WORDS, otherLanguage } from '../../../stages/clean/language.js'
import { MessageLog } from '../../../core/messages.js'
import type { Article } from '../../../core/types.js'

// Invented articles about one invented event, written for these tests in each language.
const ENGLISH =
  'Twelve people were killed when an earthquake struck the town of Varno on Tuesday, officials said.\n\n' +
  'The mayor said the town hospital would stay open despite damage to its east wing.\n\n' +
  'Rescue teams from three countries arrived on Wednesday and began searching collapsed buildings.'
const SPANISH =
  'Doce personas murieron cuando un terremoto sacudió la ciudad de Varno el martes, según las autoridades.\n\n' +
  'El alcalde dijo que el hospital de la ciudad seguiría abierto pese a los daños en su ala este.\n\n' +
  'Los equipos de rescate de tres países llegaron el miércoles y empezaron a buscar entre los edificios derrumbados.'
const GERMAN =
  'Zwölf Menschen kamen ums Leben, als am Dienstag ein Erdbeben die Stadt Varno erschütterte, teilten die Behörden mit.\n\n' +
  'Der Bürgermeister sagte, das Krankenhaus der Stadt bleibe trotz der Schäden am Ostflügel geöffnet.\n\n' +
  'Rettungsteams aus drei Ländern trafen am Mittwoch ein und begannen, die eingestürzten Gebäude zu durchsuchen.'
const FRENCH =
  "Douze personnes ont été tuées mardi lorsqu'un séisme a frappé la ville de Varno, selon les autorités.\n\n" +
  "Le maire a déclaré que l'hôpital de la ville resterait ouvert malgré les dégâts subis par son aile est.\n\n" +
  'Des équipes de secours venues de trois pays sont arrivées mercredi et ont commencé à fouiller les immeubles effondrés.'

function article(id: string, text: string, extra: Partial<Article> = {}): Article {
  return { story: 'quake', id, outlet: id, title: null, url: null, published: null, source: { file: `quake/${id}.txt` }, text, hash: 'h', ...extra }
}

function run(articles: readonly Article[]): { kept: string[]; messages: string[] } {
  const log = new MessageLog()
  const cleaned = clean(articles, log)
  return { kept: cleaned.map((c) => c.id), messages: log.messages.map(String) }
}

describe('clean: articles in another language', () => {
  it('skips an article in Spanish, German or French with a warning naming its language, and keeps the English one', () => {
    expect(run([article('wire', ENGLISH), article('diario', SPANISH), article('post', GERMAN), article('matin', FRENCH)])).toEqual({
      kept: ['wire'],
      messages: [
        'quake/diario.txt: warning: Expected an article in English, got one in Spanish (`spa`; 4% of its words are common English words); skipped, as corroborate compares English text only [clean/other-language]',
        'quake/post.txt: warning: Expected an article in English, got one in German (`deu`; 0% of its words are common English words); skipped, as corroborate compares English text only [clean/other-language]',
        'quake/matin.txt: warning: Expected an article in English, got one in French (`fra`; 4% of its words are common English words); skipped, as corroborate compares English text only [clean/other-language]',
      ],
    })
  })

  it('judges the body, not the headline: an English article under a foreign headline is kept, and the other way round is not', () => {
    expect(run([article('wire', ENGLISH, { title: 'Doce muertos por un terremoto en Varno' }), article('diario', SPANISH, { title: 'Twelve killed as earthquake hits Varno' })]).kept).toEqual(['wire'])
  })

  it('keeps an English article that quotes a paragraph in another language', () => {
    const text = `${ENGLISH}\n\n"El hospital seguirá abierto," the mayor told a Spanish radio station, adding that the east wing was closed.`
    expect(run([article('wire', text)])).toEqual({ kept: ['wire'], messages: [] })
  })

  it(`does not judge a text of fewer than ${LANGUAGE_MIN_WORDS} words: a headline or a brief is too short to tell`, () => {
    const brief = 'Doce personas murieron en un terremoto en Varno el martes.'
    expect(otherLanguage(brief)).toBeNull()
    expect(run([article('diario', brief)])).toEqual({ kept: ['diario'], messages: [] })
  })

  it('never calls a text foreign when common English words make up a sixth or more of it', () => {
    // English that lists German names, which franc alone reads as German (`deu`).
    const closures =
      'Bahnhofstrasse, Kirchgasse, Lindenweg, Schillerplatz, Goethestrasse and the Marktplatz of Unterhausen were closed on Montag; ' +
      'the Feuerwehr of Oberdorf, the Polizei and the Rotes Kreuz of Niederwald were at the Rathaus of Unterhausen.'
    expect(franc(closures)).toBe('deu')
    expect(otherLanguage(closures)).toBeNull()
    expect(otherLanguage(SPANISH)).toEqual({ code: 'spa', name: 'Spanish', commonShare: 2 / 53 })
  })
})
