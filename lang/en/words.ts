// English: the word lists and word patterns the stages read text with, in one place. A list keeps its order.
// Another language would be a folder beside this one with the same exports; the stages import lang/en by name today.

// ---- Names, places, titles and speech (segment) ----------------------------------------------------------------

/** Verbs that report speech or attribute a claim. */
export const SPEECH_VERBS = new Set(
  (
    'said says say saying told tells tell added adds asked asks wrote writes stressed stresses noted notes explained explains insisted insists ' +
    'claimed claims argued argues declared declares continued replied replies responded responds warned warns announced announces ' +
    'acknowledged acknowledges admitted admits conceded concedes urged urges suggested suggests tweeted posted stated states ' +
    'pointed recalled recalls concluded railed complained complains cautioned cautions observed remarked quipped joked emphasized ' +
    'emphasised reiterated reiterates believes believed testified confirmed confirms denied denies alleged alleges maintained ' +
    'maintains countered counters predicted vowed promised boasted charged contended objected cited'
  ).split(' '),
)

/** Titles stripped from the front of a name: "Russian President Vladimir Putin" → Vladimir Putin. */
export const TITLES = new Set(
  (
    'president vice prime minister foreign secretary sen sens senator senators rep reps representative gov governor mayor gen general ' +
    'dr mr mrs ms miss prof professor judge chief ceo chairman chairwoman chair spokesman spokeswoman spokesperson ambassador king queen ' +
    'prince princess pope former deputy attorney lt col sgt capt cmdr adm speaker leader director commissioner officer sheriff ' +
    'councilman councilwoman councillor councilor council member premier chancellor justice rev sir dame lady lord president-elect ' +
    'superintendent inspector engineer detective chairperson minority majority whip treasurer auditor comptroller coach manager ' +
    'executive founder analyst economist professor secretary-general envoy emir sheikh sultan ayatollah cardinal archbishop bishop'
  ).split(' '),
)

/** Words that join the words of a title: "Secretary of State", "Housing and Urban Development Secretary". */
export const TITLE_JOINS = new Set(['of', 'and', 'for', '&'])

/** Words that make a capitalised name an organisation. */
export const ORGANISATION_WORDS = new Set(
  (
    'administration ministry department agency council committee university institute party court congress senate parliament house ' +
    'journal times post news press association union bank corporation company inc corp co ltd llc group commission office service ' +
    'services police army forces force navy kremlin pentagon academy school college centre center foundation board authority fund ' +
    'network federation organization organisation club league team airlines authority assembly cabinet bureau guard coalition ' +
    'campaign tribune herald gazette daily wire telegraph guardian reuters tass affairs faculty sciences economics studies research ' +
    'ministries commission parliament'
  ).split(' '),
)

/** Words that make a capitalised name a place. */
export const PLACE_WORDS = new Set(
  'city county street avenue road river island islands sea ocean province region peninsula valley bridge state states republic kingdom harbor harbour bay lake mountain mountains district square park port'.split(
    ' ',
  ),
)

/** Countries, regions and large cities often named in news, lower case. */
export const PLACES = new Set(
  (
    'afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus belgium bolivia bosnia brazil ' +
    'britain bulgaria cambodia cameroon canada chile china colombia congo croatia cuba cyprus czechia denmark ecuador egypt england ' +
    'estonia ethiopia europe finland france georgia germany ghana greece guatemala haiti honduras hungary iceland india indonesia iran ' +
    'iraq ireland israel italy japan jordan kazakhstan kenya korea kosovo kuwait latvia lebanon libya lithuania luxembourg malaysia mali ' +
    'mexico moldova mongolia montenegro morocco myanmar nepal netherlands nicaragua niger nigeria norway oman pakistan palestine panama ' +
    'paraguay peru philippines poland portugal qatar romania russia rwanda scotland serbia singapore slovakia slovenia somalia spain ' +
    'sudan sweden switzerland syria taiwan tajikistan tanzania thailand tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan ' +
    'venezuela vietnam wales yemen zambia zimbabwe africa asia america americas antarctica arctic balkans caucasus crimea gaza ' +
    'u.s. us usa u.k. uk eu moscow washington london paris berlin beijing tokyo kyiv kiev brussels rome madrid vienna warsaw ankara tehran baghdad damascus ' +
    'jerusalem cairo delhi mumbai seoul pyongyang aleppo geneva davos minsk riga tallinn vilnius prague budapest athens lisbon dublin ' +
    'ottawa toronto sydney manila jakarta bangkok hanoi istanbul riyadh doha dubai kabul islamabad havana caracas bogota lima ' +
    'york chicago california texas florida ohio michigan virginia pennsylvania arizona nevada iowa alabama alaska oregon utah ' +
    'colorado georgia wisconsin minnesota missouri kentucky tennessee louisiana carolina massachusetts maryland connecticut jersey'
  ).split(' '),
)

/** Month names and their abbreviations, lower case, without the period. */
export const MONTHS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
)

/**
 * The months a unit may name without a day, for a month conflict ("will vote in March" / "will vote in April"),
 * lower case: full names only, and "May" left out (a name and a verb as often as a month).
 */
export const MONTHS_ALONE = new Set('january february march april june july august september october november december'.split(' '))

/** Weekday names, lower case. */
export const WEEKDAYS = new Set('monday tuesday wednesday thursday friday saturday sunday'.split(' '))

/** Number words and their values. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10],
  ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16], ['seventeen', 17],
  ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70],
  ['eighty', 80], ['ninety', 90], ['hundred', 100], ['dozen', 12], ['dozens', 24], ['hundreds', 200], ['thousands', 2000],
])

/** The suffix of an ordinal written in digits: "1st", "22nd", "3rd", "4th". */
export const ORDINAL_SUFFIX = /(st|nd|rd|th)$/i

/** Multipliers that scale a preceding number: "5.2 million". */
/** Currency words a sum may name after its number, by the symbol that names it before: "five million dollars" is "$5 million". */
export const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map([['dollar', '$'], ['dollars', '$'], ['euro', '€'], ['euros', '€'], ['yen', '¥']])

export const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['bn', 1e9], ['m', 1e6], ['k', 1e3],
])

/**
 * Abbreviations that wink-nlp may take for a sentence end when a capitalised word follows.
 * "Sens. John McCain and Lindsey Graham": "Sens." is not a sentence end.
 */
export const PERIOD_ABBREVIATIONS = new Set(
  'sen sens rep reps gov gen lt col sgt capt cmdr adm dr mr mrs ms messrs prof st mt ft no nos vs jan feb mar apr jun jul aug sep sept oct nov dec rev hon atty supt gens maj pvt cpl'.split(' '),
)

/** Words that put a place name in a direction or part: "North Korea", "New York", "eastern Europe". */
export const COMPASS_WORDS = new Set(['north', 'south', 'east', 'west', 'new', 'central', 'eastern', 'western', 'northern', 'southern', 'upper', 'lower'])

/** Lower-case words that join the parts of a name: "Secretary of State", "Osama bin Laden", "Ursula von der Leyen". */
export const NAME_CONNECTORS = new Set(['of', 'de', 'al', 'bin', 'von', 'van', 'der', 'la', 'du', 'el'])

/** Capitalised words that are never a name by themselves (a sentence's first word, mostly). */
export const NOT_NAMES = new Set(['i', 'the', 'a', 'an', 'but', 'and', 'or', 'if', 'in', 'on', 'at', 'for', 'as', 'it', 'he', 'she', 'they', 'we', 'this', 'that', 'there'])

/** Pronouns that stand for the person named last ("she said"). */
export const PERSON_PRONOUNS = new Set(['he', 'she'])

/** Words whose start an apostrophe elides ("'em", "'til", "rock 'n' roll"): the mark opens no quotation. */
export const ELISIONS = new Set(['em', 'til', 'cause', 'cos', 'n', 'tis', 'twas', 'bout', 'round', 'nuff', 'ello', 'ere', 'im', 'er'])

/** Words that join a clause to the one before: "…, and police officers said" names `police officers`. */
export const CLAUSE_OPENERS = new Set('and but or though although while as because so yet then when where after before since if whereas'.split(' '))

/** Words that join a verb to the one before it, sharing its subject: "… and warned", "but said". */
export const COORDINATING = new Set(['and', 'but', 'or', 'yet', 'then'])

/** Words that open a clause of time, cause or condition ("… before Trump announced it", "after Cathy said"); not of
 * contrast ("while Democrats vowed", "though officials say"), which states a claim of its own. */
export const SUBORDINATING = new Set(['as', 'because', 'when', 'after', 'before', 'since', 'if', 'until', 'once', 'unless'])

/** Forms of "be" before a past participle that make it passive: "was announced", "had been reported". */
export const PASSIVE_AUXILIARIES = new Set(['be', 'been', 'being', 'is', 'was', 'were', 'are', "'s", '’s'])

/** Words that open a clause inside a sentence: "said that …", "…, which Farenthold denied", "an aide who …". */
export const RELATIVE_WORDS = new Set(['that', 'which', 'who', 'whom'])

/** A speech tag between two quotes: "he said" or "Trump said before his inauguration", up to its period. */
export const SPEECH_TAG = /^[\s,]*[^.]{0,60}\b(?:said|says|added|told [^.]{0,30}|asked|continued)\b[^.]{0,80}\./

/** Words before a speech verb that name no source: "critics who say", "… policy he promised". */
export const NO_SOURCE_SUBJECTS = /^(?:who|which|that|what|it|they|we|i|you)$/

/** A leading article, left off a source named by a phrase ("the business owners along Calder Street"). */
export const LEADING_ARTICLE = /^(?:the|a|an)\s+/i

/** A source that is only a pronoun or a pointing word, which names nobody. */
export const PRONOUN_SOURCE = /^(?:he|she|it|they|we|i|you|this|that|there)$/i

/** Words after a comma that start another main clause: ", and …", ", but …" (align's claims of a sentence). */
export const CLAUSE_JOINERS = new Set(['and', 'but', 'while', 'though', 'although', 'whereas', 'yet'])

// ---- Sources and framing (framing, relate, quotes) ------------------------------------------------------------

/** An attribution to an anonymous source: "an official familiar with the inspection", "people briefed on the talks". */
export const ANONYMOUS = /\b(?:familiar with|briefed on|close to|speaking on condition|on condition of anonymity|not authori[sz]ed|anonymous|unnamed|sources?)\b/i

/** A sentence sourced to anonymous people in its own words, whoever it is attributed to ("…, sources said"). */
export const ANONYMOUS_SOURCING = /\b(?:sources said|sources say|said sources|according to sources|people familiar with|officials familiar with|official familiar with)\b/i

/** Words two institutions' names share without naming the same one ("department", "office"): no evidence of one source. */
export const GENERIC_SOURCE_WORDS = new Set('department office ministry house committee council agency service services bureau administration government state states national federal united us u s new news and for of'.split(' '))

/** A name: every word capitalised ("Samuel Ortega", "Port Alder Transit", "Kremlin"). */
export function isName(source: string): boolean {
  const words = source.split(/\s+/).filter((w) => !/^(?:of|the|and|de|al)$/i.test(w))
  return words.length > 0 && words.every((w) => /^\p{Lu}/u.test(w))
}

/** Intensifiers too mild to count as loaded wording when one outlet words a shared statement ("so", "just"). */
export const MILD_INTENSIFIERS = new Set(['so', 'too', 'most', 'far', 'much', 'only', 'even', 'just'])

// ---- Quotes and wires (score) ------------------------------------------------------------------------------------

/** Words too common to link two quotations: two quotes are compared only when they share two words besides these. */
export const QUOTE_STOPWORDS = new Set('the a an and or but of to in on at for with that this is are was were be it its as by from we i you he she they our my your'.split(' '))

/** A news agency named in a byline ("By Jane Doe, Associated Press"): the wire an article credits. */
export const AGENCY_BYLINE = /\b(Associated Press|Reuters|Agence France-Presse|AFP|Bloomberg|AP)\b/

/** The short name an agency goes by when a byline spells it out. */
export const AGENCY_SHORT_NAMES: ReadonlyMap<string, string> = new Map([['Associated Press', 'AP']])

// ---- Negation ---------------------------------------------------------------------------------------------------

/** Words that negate a clause. */
export const NEGATIONS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'without'])

// ---- Relations of aligned sentences (relate) --------------------------------------------------------------------

/** Verbs that deny by their meaning, base forms: a sentence with one states the denial the other words with "not". */
export const NEGATIVE_VERBS = new Set(['deny', 'reject', 'refuse', 'decline', 'dismiss', 'ignore', 'rebuff', 'dispute', 'block', 'oppose', 'halt', 'stop', 'veto', 'bar', 'filibuster', 'withhold'])

/** Verbs and nouns that deny a claim by their meaning, whatever follows: "denied that he sent it", "refuted reports". */
export const DENIAL_WORDS = new Set(['deny', 'denies', 'denied', 'denying', 'denial', 'denials', 'refute', 'refutes', 'refuted', 'refuting', 'debunk', 'debunks', 'debunked', 'debunking', 'rebut', 'rebuts', 'rebutted', 'rebutting'])

/** Verbs that deny a claim only when one is their object: "dismissed reports that", not "dismissed the case". */
export const CLAIM_DENIAL_VERBS = new Set(['dismiss', 'dismisses', 'dismissed', 'dismissing', 'reject', 'rejects', 'rejected', 'rejecting', 'dispute', 'disputes', 'disputed', 'disputing', 'contradict', 'contradicts', 'contradicted', 'contradicting'])

/** Nouns that name a claim, the object of a denial: "rejected the reports", "the allegation is false". */
export const CLAIM_NOUNS = new Set(['report', 'reports', 'claim', 'claims', 'allegation', 'allegations', 'accusation', 'accusations', 'rumor', 'rumors', 'rumour', 'rumours', 'story', 'stories', 'suggestion', 'suggestions', 'speculation', 'assertion', 'assertions', 'charge', 'charges', 'account', 'accounts'])

/** Words that call a claim untrue when said of it: "the report is false", "called it a hoax". */
export const FALSITY_WORDS = new Set(['false', 'untrue', 'fake', 'hoax', 'baseless', 'unfounded', 'fabricated', 'fabrication', 'bogus', 'groundless', 'incorrect', 'inaccurate', 'erroneous', 'fiction', 'nonsense'])

/** Words that say of a claim what the word after them is: "is false", "called it a hoax", "dismissed as baseless". */
export const PREDICATING_WORDS = new Set(['is', 'was', 'are', 'were', 'be', 'been', "'s", 'called', 'calls', 'calling', 'call', 'branded', 'labeled', 'labelled', 'as', 'proved', 'proven', 'turned'])

/** Nouns after "no" that deny what follows them: "no evidence that", "no truth to the report". */
export const NO_GROUNDS = new Set(['evidence', 'truth', 'basis', 'proof'])

/** Words that open another clause after a comma: "denied the report, and the operator took …". */
export const CLAUSE_JOINS = new Set(['and', 'but', 'while', 'whereas', 'although', 'though', 'yet'])

/** Words that report a claim as somebody's, without stating it: "accused him of", "allegedly", "claimed that". */
export const HEDGING_WORDS = new Set(['accuse', 'accuses', 'accused', 'accusing', 'challenge', 'challenges', 'challenged', 'challenging', 'accusation', 'accusations', 'allege', 'alleges', 'alleged', 'allegedly', 'allegation', 'allegations', 'claim', 'claims', 'claimed', 'claiming', 'rumor', 'rumors', 'rumour', 'rumours', 'rumored', 'rumoured', 'reportedly', 'purportedly', 'supposedly', 'speculation', 'speculated'])

/** Words before a negation that set it in a condition: "if we don't get it", "unless", "whether". */
export const CONDITION_WORDS = new Set(['if', 'unless', 'whether'])

/** Words after a denial that set a condition on it: "No Legislation Until After Tax Cut Extension". */
export const CONDITION_AFTER_WORDS = new Set(['until', 'unless'])

/** Words after a negation that make an idiom or emphasis of it: "not only", "no matter", "no doubt". */
export const NOT_DENIALS = new Set(['only', 'just', 'matter', 'doubt'])

/**
 * Words of an intention that a negation before them denies the act of: "has no plans to launch", "is not planning
 * to resign", "does not intend to run", "no intention of leaving". The denied word is the verb after them.
 */
export const INTENTION_WORDS = new Set(['plan', 'plans', 'planning', 'planned', 'intend', 'intends', 'intending', 'intention', 'intentions', 'intent'])

/**
 * Words that put what follows them in their clause as wished, urged, required, possible or expected, not stated.
 * "would" is left out: in reported speech it states ("said she would reopen it").
 */
export const UNASSERTING = new Set('want wants wanted wanting hope hopes hoped hoping wish wishes wished should must could might may need needs urge urges urged urging ask asks asked asking seek seeks sought try tries tried trying expected expects expect likely'.split(' '))

/**
 * Predicates that state opposite outcomes of one matter, each pair as two sides ("was found alive" / "died"; "was
 * acquitted" / "was convicted"): one unit stating one side where the other states the other, of the same participants,
 * states what the other denies. `changes` tells what two days' reports of a pair may be: `never` a change (a verdict,
 * a vote: still a dispute), `first to second` (alive, then dead: an update; the other way round no call), `either
 * way` (a rise one day and a fall the next are two moves: no call). Forms, not stems: "living" (cost of living),
 * "passed away" and "lost" of other things are kept out by the rule's tests, not by the lists.
 */
export const OPPOSITE_OUTCOMES: readonly { readonly name: string; readonly sides: readonly [string, string]; readonly changes: 'never' | 'first to second' | 'either way' }[] = [
  { name: 'alive', sides: ['alive survived survive survives surviving survivor survivors', 'dead died die dies killed perished'], changes: 'first to second' },
  { name: 'verdict', sides: ['acquitted acquits acquit acquittal', 'convicted convicts convict conviction guilty'], changes: 'never' },
  { name: 'vote', sides: ['passed passes approved approves approve adopted adopts accepted accepts', 'rejected rejects defeated defeats failed fails refused refuses declined declines'], changes: 'never' },
  { name: 'contest', sides: ['won wins win winning victory', 'lost loses lose losing defeat'], changes: 'never' },
  { name: 'ruling', sides: ['upheld upholds uphold', 'overturned overturns overturn reversed reverses overruled overrules struck'], changes: 'never' },
  { name: 'direction', sides: ['rose rises rise risen increased increases grew grows climbed climbs jumped jumps gained gains', 'fell falls fall fallen decreased decreases declined declines dropped drops shrank shrinks slipped slips'], changes: 'either way' },
]

/** Words after "passed" that make it another verb than a vote's ("passed away", "passed on", "passed out"); "passed by a vote of" is a vote's. */
export const PASSED_OTHERWISE = new Set(['away', 'on', 'through', 'over', 'out'])

/** Words that begin the clause after an answer "No.", lower case: pronouns and determiners ("No. We will not", "No. The bill …"). */
export const ANSWER_STARTS = new Set(['i', 'we', 'you', 'he', 'she', 'it', 'they', 'the', 'this', 'that', 'there', 'not', 'absolutely', 'never'])

/** A speech verb before a negation that makes it an answer, not a denial: "Sestak said no and went on". */
export const ANSWER_VERB = /^(?:said|say|says|saying|told)$/

/**
 * Words that put an event ahead of the verb after them: "will speak", "we'll meet". "would" is left out: it reports
 * or conditions more often than it schedules.
 */
export const AHEAD_WORDS = new Set(['will', "'ll", 'shall'])

/** The word of an infinitive: "plans to meet", a headline's "Obama to Outline Plan". */
export const INFINITIVE_MARKER = 'to'

/**
 * Words of a schedule, an intent or a readiness before an infinitive, which put its event ahead: "plans to meet",
 * "is set to sign", "is prepared to sign". Not a promise or a threat ("had vowed to veto"), which a sentence telling
 * the event done often recalls.
 */
export const AHEAD_BEFORE_TO = new Set(['plans', 'plan', 'planning', 'scheduled', 'set', 'expected', 'expects', 'poised', 'aims', 'intends', 'prepares', 'preparing', 'prepared', 'ready', 'due', 'slated'])

/** Past verbs whose infinitive tells an event decided: "the Senate voted to override his veto". */
export const PAST_BEFORE_TO = new Set(['voted'])

/** Past forms that are not "-ed", with their base form, so that "will speak" meets "spoke". */
export const IRREGULAR_PAST: ReadonlyMap<string, string> = new Map(
  'said:say told:tell spoke:speak met:meet won:win lost:lose made:make took:take gave:give went:go came:come saw:see held:hold sent:send led:lead left:leave began:begin wrote:write ran:run brought:bring bought:buy thought:think found:find kept:keep paid:pay sold:sell stood:stand struck:strike threw:throw chose:choose drew:draw fell:fall felt:feel fought:fight froze:freeze got:get grew:grow heard:hear hid:hide hit:hit knew:know laid:lay let:let meant:mean put:put quit:quit read:read rode:ride rose:rise set:set shook:shake shot:shoot shut:shut sang:sing sat:sit spent:spend spread:spread stole:steal swore:swear taught:teach tore:tear withdrew:withdraw signed:sign'
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
)

/** Irregular past participles and their base forms, lower case: "had taken" is "took" is "take". */
export const IRREGULAR_PARTICIPLE: ReadonlyMap<string, string> = new Map(
  'taken:take given:give gone:go seen:see written:write begun:begin known:know grown:grow shown:show thrown:throw drawn:draw driven:drive chosen:choose stolen:steal spoken:speak broken:break broke:break fallen:fall hidden:hide ridden:ride risen:rise shaken:shake sung:sing sworn:swear torn:tear withdrawn:withdraw frozen:freeze forgotten:forget gotten:get eaten:eat beaten:beat done:do did:do flown:fly flew:fly'
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
)

/** A regular past form, lower case: "signed", "agreed", not "need". */
export const REGULAR_PAST = /[^e]ed$|eed$/

/** A present-tense verb of the third person, lower case, as a headline tells what happened: "Invokes", not "discuss". */
export const PRESENT_THIRD_PERSON = /[^s]s$/

/** A plural ending, taken off a counted word so that "vehicles" and "vehicle" count one thing. */
export const PLURAL_SUFFIX = /(?:ies|es|s)$/

/** Words that make a number a bound or an approximation of the quantity it gives, ending the text before it. */
export const APPROXIMATE = /\b(?:about|around|roughly|nearly|almost|approximately|some|estimated|an estimated|close to|more than|over|at least|upwards of|up to|less than|fewer than|under|at most|as many as|as much as|nearly)\s*$/i

/**
 * A range that ends at the number after it: "between 10 and", "10 to", "10-", "from 10 to" aside (a change, not a
 * range: "rose from 10 to 12" gives 12). Group 1 is the range's other end, as written.
 */
export const RANGE_BEFORE = /(?:\bbetween\s+(\S+)\s+and|(?:^|(?<!\bfrom)\s)(\S+)\s*(?:to|[-–]))\s*$/i

/** The words of `APPROXIMATE` that bound a value from below: "more than $1 million" / "$1.1 million" agree. */
export const LOWER_BOUND = /^(?:more than|over|at least|upwards of)$/

/** The words of `APPROXIMATE` that bound a value from above: "up to 40" / 38 agree. */
export const UPPER_BOUND = /^(?:up to|less than|fewer than|under|at most|as many as|as much as)$/

/** The text before a number that makes it a rank or label, not a quantity: "the No. 2 position", "#3", "number 5". */
export const RANK_BEFORE = /(?:\bno\.|#|\bnumber)\s*$/i

/** A digit or a number word, in a pattern. */
const DIGIT_OR_NUMBER_WORD = `(?:\\d|${[...NUMBER_WORDS.keys()].join('|')})`

/** The text after a number that makes it part of odds: "one-in-three", "1 in 3". */
export const ODDS_AFTER = new RegExp(`^\\s*-?\\s*in\\s*-?\\s*${DIGIT_OR_NUMBER_WORD}`, 'i')

/** The text before a number that makes it part of odds: "a one-in-three chance" read from "three". */
export const ODDS_BEFORE = new RegExp(`${DIGIT_OR_NUMBER_WORD}\\s*-?\\s*in\\s*-?\\s*$`, 'i')

// ---- Quotations compared (relate, quotes) -----------------------------------------------------------------------

/** Pronouns that open direct speech and become a name in reported speech ("I look forward" / "looks forward"). */
export const SUBJECT_PRONOUNS = new Set(['i', 'he', 'she', 'we', 'they', 'you', 'it'])

/** Words often cut from the front of an excerpt: a leading "however", "but" or "and". */
export const DISCOURSE_OPENERS = new Set(['however', 'but', 'and', 'so', 'well', 'now', 'yet'])

/** Words that tell too little to make two quotations one: "I" and "do" are in every quote. */
export const FUNCTION_WORDS = new Set(
  'i me my we us our you your he him his she her it its they them their a an the and or but if of to in on at by for with from as is are was were be been am do does did not no so that this there what who will would can could should have has had'.split(' '),
)

/** Words that do not make a quotation another: "that"/"which" (the guide's rule) and the articles. */
export const QUOTE_FILLERS = new Set(['that', 'which', 'a', 'an', 'the'])

/**
 * Contracted forms a transcript writes either way, with the words they stand for: "it's" / "it is", "don't" /
 * "do not", "gonna" / "going to". A quotation written with one and the other with the other is the same words.
 * Endings first ("n't", "'re", "'ve", "'ll", "'m"), then the whole words whose ending is not regular.
 */
export const CONTRACTION_ENDINGS: readonly (readonly [string, string])[] = [
  ["n't", 'not'],
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'ll", 'will'],
  ["'m", 'am'],
]
export const CONTRACTED_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ["won't", ['will', 'not']],
  ["can't", ['can', 'not']],
  ['cannot', ['can', 'not']],
  ["shan't", ['shall', 'not']],
  ["ain't", ['is', 'not']],
  ['gonna', ['going', 'to']],
  ['wanna', ['want', 'to']],
  ['gotta', ['got', 'to']],
])
/** Pronouns whose "'s" is "is" or "has" ("it's", "that's", "he's"), never a possessive. */
export const S_CONTRACTING_PRONOUNS = new Set(['it', 'that', 'he', 'she', 'there', 'here', 'what', 'who', 'where', 'let'])
/** Words after "'s" that make it "has": "it's been", "he's got". */
export const HAS_AFTER_S = new Set(['been', 'got', 'had'])
/**
 * The two words a contraction stands for, as one word of a quotation however it is written ("we're" / "we are",
 * "don't" / "do not", "gonna" / "going to"), so that writing it out adds no words to count. Not "that is": "that" is
 * left out of every quotation (QUOTE_FILLERS).
 */
export const CONTRACTION_PAIRS: ReadonlySet<string> = new Set([
  ...'do does did is are was were have has had would could should must need will can shall'.split(' ').map((w) => `${w} not`),
  ...'i you we they he she it there here what who where'.split(' ').flatMap((p) => ['am', 'are', 'is', 'has', 'have', 'will'].map((v) => `${p} ${v}`)),
  'let us',
  'going to',
  'want to',
  'got to',
])

/** The word an ampersand stands for: "R&D" and "R and D" are one wording. */
export const AMPERSAND_WORD = 'and'

/** Titles spelled out or cut short, as a quotation's words: "Senator Reid" / "Sen. Reid". */
export const TITLE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['sen', 'senator'], ['rep', 'representative'], ['gov', 'governor'], ['pres', 'president'], ['gen', 'general'], ['dept', 'department'], ['govt', 'government'],
])

/** Two or more letters each followed by a dot, the last dot optional: "U.S.", "I.R.S.", "f.b.i". */
const DOTTED_INITIALISM = /^(?:\p{L}\.){2,}\p{L}?\.?$/u

/** An initialism without its dots ("I.R.S." → "IRS", the same name as "IRS"); any other word as it is. */
export function undotted(word: string): string {
  return DOTTED_INITIALISM.test(word) ? word.replace(/\./g, '') : word
}

/**
 * The parties of an American politician's affiliation tag ("Sen. Richard Blumenthal (D-Conn.)", "John Cornyn,
 * R-Texas,", "Bernie Sanders (I-Vt.)"): the letter before the hyphen.
 */
export const PARTY_LETTERS: ReadonlySet<string> = new Set(['D', 'R', 'I'])

/**
 * The states of such a tag, lower case without dots: AP's abbreviations ("Conn.", "N.Y.", "W.Va."), the names AP
 * writes out ("Texas", "Ohio") and the others, the District and the territories. Postal codes ("TX") are in
 * US_POSTAL_CODES, read only when written in capitals.
 */
export const US_STATE_FORMS: ReadonlySet<string> = new Set([
  ...'ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev nh nj nm ny nc nd okla ore pa ri sc sd tenn vt va wash wva wis wyo dc pr'.split(' '),
  ...'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming ohio guam'.split(' '),
  'new hampshire', 'new jersey', 'new mexico', 'new york', 'north carolina', 'north dakota', 'south carolina', 'south dakota', 'west virginia', 'rhode island', 'puerto rico',
])

/** Words a state's name opens with when it has two ("New York", "West Virginia"). */
export const STATE_FIRST_WORDS: ReadonlySet<string> = new Set(['new', 'north', 'south', 'west', 'rhode', 'puerto'])

/** The two-letter postal codes of the states, the District and the territories ("R-TX"). */
export const US_POSTAL_CODES: ReadonlySet<string> = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI'.split(' '),
)

/**
 * Words that tell one toll in other words, by the toll they tell: "12 people were killed" / "14 people died" / "14
 * dead" count the same dead; "3 people were hurt" / "2 people died" are two counts. A number conflict needs the
 * same predicate near both numbers; these words are one predicate.
 */
export const TOLL_WORDS: ReadonlyMap<string, string> = new Map(
  (
    [
      ['dead', 'kill killed kills killing die died dies dying dead death deaths perish perished fatalities fatality fatal'],
      ['hurt', 'hurt injure injured injures injuring injury injuries wound wounded wounding'],
      ['missing', 'missing unaccounted'],
      ['arrested', 'arrest arrested arrests detain detained detains detention'],
      ['displaced', 'evacuate evacuated evacuation evacuees displaced homeless'],
    ] as const
  ).flatMap(([toll, words]) => words.split(' ').map((w) => [w, `toll:${toll}`] as const)),
)

/**
 * What a toll counts when no noun says so: "Gunman kills 5", "5 dead", "Twelve killed as quake hits", "death toll
 * rises to 14" count people, as "four people were killed" does.
 */
export const TOLL_COUNTS = 'people'

/** The noun of a tally: "the death toll rose to 14". */
export const TOLL_NOUNS = new Set(['toll', 'tally'])


// ---- The article's language (clean) -----------------------------------------------------------------------------

/** The ISO 639-3 code of the language these lists are for, as franc names it. */
export const LANGUAGE_CODE = 'eng'

/**
 * The commonest words of English prose. They make 27% or more of every BASIL article's words and of every five
 * seed articles' (about 40% on average), and a few percent of a Spanish, German or French article's: an article
 * whose words hold fewer than `COMMON_SHARE` of them is not written in English, whatever a detector says.
 */
export const COMMON_WORDS = new Set('the of and to a in is was that for on with as by at it he she said from has have be are were not his her they this an will would'.split(' '))

/** Below this share of `COMMON_WORDS` among its words, an article is not in English (see `COMMON_WORDS`). */
export const COMMON_SHARE = 0.15
