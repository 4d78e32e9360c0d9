// The shared domain types of corroborate: readonly records passed from stage to stage. Imports nothing of ours.
// Some 520 lines: all domain types in one place, so every record a stage passes on is found in one file.

/** Where a message, a removal or a sentence sits: a file (and line) and character offsets. */
export interface Place {
  /** Path of the input file, relative to the corpus (or the JSONL file name). */
  readonly file?: string
  /** 1-based line of `file` (JSONL records, CSV rows). */
  readonly line?: number
  /** Article id. */
  readonly article?: string
  /** Character offsets, `begin` inclusive, `end` exclusive. */
  readonly begin?: number
  readonly end?: number
}

/** The kinds of input file (stages/ingest/: one module each): plain text, a web page, JSON Lines, CSV. */
export type InputKindName = 'text' | 'html' | 'jsonl' | 'csv'

/** One input file's bytes as the pipeline read them: what `ingest` turns into articles. */
export interface RawSource {
  /** How the input is laid out: one article per file (text or a web page), JSON Lines, or CSV with the JSON Lines fields as columns. */
  readonly kind: InputKindName
  /** Path relative to the corpus root, used in messages. */
  readonly file: string
  /** Story id for `text` sources. */
  readonly story?: string
  /** Article id for `text` sources. */
  readonly id?: string
  readonly bytes: Uint8Array
  /** Size of the file on disk when it was too large to read (then `bytes` is empty). */
  readonly size?: number
  /** Metadata from `story.json` for `text` sources. */
  readonly meta?: Partial<ArticleMeta>
  /** 1-based line a JSON Lines or CSV record starts on, when the source is that one record rather than a whole file. */
  readonly line?: number
  /** Encoding of the file a record comes from (a record carries no byte order mark; default: UTF-8). */
  readonly encoding?: TextEncoding
  /** Header of the CSV file a record comes from. */
  readonly header?: CsvHeader
  /** Why the file could not be read (then `bytes` is empty): `ingest` reports it as fatal for the article. */
  readonly unreadable?: { readonly ruleId: string; readonly reason: string }
}

/**
 * How a text file is encoded. `utf-8` falls back to Windows-1252 line by line where a line is not valid UTF-8;
 * `windows-1252` is a file none of whose lines were (see stages/ingest/decode.ts).
 */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be'

/** A CSV file's header row: its column names (trimmed, lower case) and the delimiter it was read with. */
export interface CsvHeader {
  readonly columns: readonly string[]
  readonly delimiter: ',' | ';' | '\t'
}

/** An article's metadata: id, outlet, title, url, published (the fields of the README's Input and corpus/README.md). */
export interface ArticleMeta {
  readonly id: string
  readonly outlet: string
  readonly title: string | null
  readonly url: string | null
  readonly published: string | null
}

/** One outlet's text about one story, decoded and normalised to LF line ends. */
export interface Article extends ArticleMeta {
  readonly story: string
  /** The file (and line, for JSONL) it came from. */
  readonly source: Place
  readonly text: string
  /** SHA-256 of the article's input bytes (file) or line (JSONL), for run.json. */
  readonly hash: string
}

/**
 * Why `clean` removed a block of text, or `segment` a sentence: boilerplate, or text the analysis cannot read
 * (`other-script`: letters of a script other than Latin, which the English model makes no words of; `short-sentence`:
 * fewer words than a sentence needs; `no-words`: no letter or digit at all, such as `* * *` or a row of emoji).
 */
export type RemovalReason =
  | 'advertising'
  | 'browser-notice'
  | 'subscription'
  | 'caption'
  | 'credit'
  | 'related'
  | 'repeated-headline'
  | 'duplicate-block'
  | 'section-label'
  | 'subheading'
  | 'copyright'
  | 'social'
  | 'dateline'
  | 'timestamp'
  | 'byline'
  | 'headline'
  | 'other-script'
  | 'short-sentence'
  | 'no-words'

/** A piece of the article's text that `clean` or `segment` left out, with offsets into `Article.text`. */
export interface Removed {
  readonly text: string
  readonly reason: RemovalReason
  readonly begin: number
  readonly end: number
}

/** An article with its boilerplate removed; `body` holds one paragraph per block, joined by blank lines. */
export interface CleanArticle extends Article {
  /** The headline: metadata title, else a headline line found at the top of the text. */
  readonly headline: string | null
  /** A dateline such as `MOSCOW` taken off the first paragraph. */
  readonly dateline: string | null
  readonly body: string
  /** Start offset in `body` of each paragraph. */
  readonly paragraphs: readonly number[]
  /**
   * Offset in `text` of each paragraph's first character: a paragraph holds the characters of its place in `text`
   * one for one (a hard-wrapped line break is a space), so an offset in `body` maps back to the input.
   */
  readonly paragraphOffsets: readonly number[]
  readonly removed: readonly Removed[]
}

/** A token of a sentence; offsets index `CleanArticle.body`. */
export interface Token {
  readonly text: string
  readonly begin: number
  readonly end: number
  /** Lower-cased, quotes and apostrophes folded. */
  readonly normal: string
  /** Porter stem of `normal` (numbers keep their digits). */
  readonly stem: string
  readonly pos: string
  readonly kind: 'word' | 'number' | 'punctuation' | 'symbol' | 'other'
  readonly stop: boolean
}

export type EntityType = 'person' | 'place' | 'organisation' | 'other'

/** A named entity with titles stripped: "Russian President Vladimir Putin" → `Vladimir Putin`. */
export interface Entity {
  readonly text: string
  /** Canonical name in this article: "Putin" after "Vladimir Putin" becomes `Vladimir Putin`. */
  readonly name: string
  readonly type: EntityType
  readonly begin: number
  readonly end: number
}

/** A number with the word it counts: "4,000 US soldiers" → value 4000, unit `soldiers`. */
export interface NumberMention {
  readonly text: string
  readonly value: number
  readonly unit: string | null
  readonly begin: number
  readonly end: number
}

/** A direct quotation; `begin`/`end` cover the text inside the marks. */
export interface Quote {
  readonly text: string
  readonly speaker: string | null
  readonly begin: number
  readonly end: number
}

/** A sentence of an article's cleaned body. */
export interface Sentence {
  /** `<article id>#<index>`. */
  readonly id: string
  readonly article: string
  readonly outlet: string
  readonly index: number
  readonly paragraph: number
  readonly text: string
  readonly begin: number
  readonly end: number
  readonly tokens: readonly Token[]
  readonly entities: readonly Entity[]
  readonly numbers: readonly NumberMention[]
  readonly quotes: readonly Quote[]
  /** Who the sentence attributes its claim to ("…, the Kremlin said" → `Kremlin`), or null. */
  readonly attribution: string | null
  /**
   * `sentence` for a body sentence; `headline` for the article's headline, which aligns like a sentence but stays
   * out of the body's sentences and word counts (its `index` and `paragraph` are -1, its offsets index the headline).
   */
  readonly unit: 'sentence' | 'headline'
}

/** A cleaned article split into sentences (none for an article of a headline alone, which has `headline`). */
export interface Document {
  readonly article: CleanArticle
  /** The headline as a unit (`unit: 'headline'`, id `<article id>#h`), or null when the article has none. */
  readonly headline: Sentence | null
  readonly sentences: readonly Sentence[]
  readonly words: number
}

/** How two aligned sentences relate (conflicts are only ever called inside a statement). */
export type Relation =
  | 'identical'
  | 'paraphrase'
  | 'partial'
  | 'number_conflict'
  | 'quote_conflict'
  | 'attribution_differs'
  | 'update'
  | 'negation_conflict'

/** One sentence of a statement. */
export interface Member {
  /** Sentence id. */
  readonly sentence: string
  readonly article: string
  readonly outlet: string
  readonly index: number
  /** Similarity to the statement's representative sentence (1 for the representative itself). */
  readonly similarity: number
  /** Relation to the representative sentence (`identical` for the representative itself). */
  readonly relation: Relation
  /** True for the member whose text stands for the statement. */
  readonly representative: boolean
  /**
   * True for a unit that the grouping put in another statement and that reports this one's claim too (a headline
   * that sums up two claims): its statement, where a report names one, is the other.
   */
  readonly attached: boolean
}

/** Two aligned sentences of one statement. */
export interface PairRelation {
  readonly a: string
  readonly b: string
  readonly similarity: number
  readonly relation: Relation
  /** For a conflict, the differing values as `a` and `b` word them; otherwise null. */
  readonly values: readonly [string, string] | null
}

/** Sentences of different articles that state the same claim or quote. */
export interface Statement {
  /** `s1`, `s2`, … in order of first appearance. */
  readonly id: string
  /** The representative member's text. */
  readonly text: string
  /** Sentence id of the representative member. */
  readonly representative: string
  readonly members: readonly Member[]
  readonly pairs: readonly PairRelation[]
  /**
   * Outlets that do not carry the statement but have a unit close to one of its members (a link of at least
   * `NEAR_SHARE` of the threshold): they may report it in words the aligner did not accept, so the ledger never
   * calls the statement their omission.
   */
  readonly near: readonly string[]
}

/** What `align` returns: the statements and how much comparing it did. */
export interface Alignment {
  readonly statements: readonly Statement[]
  /** Sentence pairs scored (candidates from the index). */
  readonly comparedPairs: number
  /** Sentence pairs across articles that all-pairs comparison would have scored. */
  readonly possiblePairs: number
}

/** A statement with its agreement figures. */
export interface ScoredStatement extends Statement {
  /** Distinct outlets carrying it. */
  readonly support: number
  /** Distinct origins carrying it: syndicated copies of one text count once. */
  readonly independentSupport: number
  readonly outlets: readonly string[]
  readonly origins: readonly string[]
  readonly meanSimilarity: number
  readonly minSimilarity: number
  /** Disputing pairs among its members (number, quote or negation conflicts; not attribution differences). */
  readonly conflicts: number
  /** Share of the story's independent origins that back it, in [0, 1] (1 when all do). */
  readonly originShare: number
  /** Share of its cross-article member pairs that do not dispute each other, in [0, 1] (1 when none does). */
  readonly consistency: number
}

/** Two aligned sentences of one statement that disagree. */
export interface Conflict {
  readonly statement: string
  readonly relation: Relation
  readonly a: string
  readonly b: string
  readonly outletA: string
  readonly outletB: string
  readonly valueA: string
  readonly valueB: string
  readonly textA: string
  readonly textB: string
}

/** How faithfully a quote instance renders its group's quotation. */
export type QuoteFidelity = 'exact' | 'minor' | 'changed' | 'truncated'

/** One rendering of a quotation in one article, grouped with its renderings elsewhere. */
export interface QuoteInstance {
  /** `q1`, `q2`, … in order of first appearance. */
  readonly group: string
  readonly speaker: string | null
  readonly outlet: string
  readonly article: string
  readonly sentence: string
  readonly text: string
  /** Against the group's reference rendering (the one most outlets share, else the longest). */
  readonly fidelity: QuoteFidelity
  /** Whether the speaker matches the group's most named speaker (null when either is unknown). */
  readonly speakerAgrees: boolean | null
}

/** A statement most other outlets (or two or more independent origins) carry that an outlet leaves out. */
export interface Omission {
  readonly outlet: string
  readonly statement: string
  readonly support: number
  readonly independentSupport: number
  readonly text: string
  /**
   * True when every article of the outlet came out on an earlier day than the first article that reports the
   * statement (by `published`): news of a later day, which the outlet could not have carried then.
   */
  readonly publishedEarlier: boolean
}

/** The story in brief: widest-backed statements, disputed ones, and each outlet's notable single-source claims. */
export interface Digest {
  readonly words: number
  readonly corroborated: readonly { readonly statement: string; readonly independentSupport: number; readonly outlets: readonly string[]; readonly text: string }[]
  readonly disputed: readonly {
    readonly statement: string
    readonly relation: Relation
    readonly versions: readonly { readonly outlet: string; readonly value: string; readonly text: string }[]
  }[]
  readonly singleSource: readonly { readonly outlet: string; readonly sentence: string; readonly text: string }[]
  readonly markdown: string
}

/** Per article: size, how much of it other outlets corroborate, and its origin. */
export interface ArticleSummary {
  readonly id: string
  readonly outlet: string
  readonly title: string | null
  readonly url: string | null
  readonly published: string | null
  readonly source: Place
  readonly dateline: string | null
  readonly words: number
  readonly sentences: number
  /** Sentences that belong to a statement. */
  readonly corroborated: number
  /** `corroborated / sentences`. */
  readonly coverage: number
  /** Id of the origin group: the first article id of a set of near-identical copies or of one wire's copy. */
  readonly origin: string
  /** News agency credited in the dateline or byline ("(AP)", "Reuters"), or null. */
  readonly wire: string | null
  readonly removed: readonly Removed[]
}

/** Agreement between two outlets over the statements of a story. */
export interface OutletPair {
  readonly outletA: string
  readonly outletB: string
  readonly statementsA: number
  readonly statementsB: number
  readonly sharedStatements: number
  /** Jaccard over statements: shared / (carried by either). */
  readonly agreement: number
  /** Mean similarity of their aligned sentences in shared statements (0 when none). */
  readonly meanSimilarity: number
  /** Shared statements where their sentences agree (no conflict between them). */
  readonly agreements: number
  /** Conflicting sentence pairs between them. */
  readonly conflicts: number
}

/** The word lists of the framing measures (see lang/en/lexicons/README.md); each can be replaced in the config. */
export interface Lexicons {
  readonly hedges: readonly string[]
  readonly weasels: readonly string[]
  readonly modals: readonly string[]
  readonly intensifiers: readonly string[]
  readonly loaded: readonly string[]
  readonly reportVerbs: { readonly neutral: readonly string[]; readonly loaded: readonly string[] }
  readonly officials: readonly string[]
  readonly frames: Readonly<Record<string, readonly string[]>>
  /** Word valence, −5 to +5. */
  readonly sentiment: Readonly<Record<string, number>>
}

/** Framing measures of an outlet (or one article), each per 100 words or as a share, so long and short compare. */
export interface FramingRow {
  readonly outlet: string
  /** Set for a row of one article. */
  readonly article: string | null
  readonly articles: number
  readonly words: number
  readonly sentences: number
  readonly corroboratedSentences: number
  readonly coverage: number
  readonly exclusiveSentences: number
  /** Sum of word valences (AFINN) per 100 words. */
  readonly tonePer100w: number
  /** Spread (standard deviation) of the sentences' tone per 100 words. */
  readonly toneSd: number
  readonly hedgesPer100w: number
  readonly weaselsPer100w: number
  readonly modalsPer100w: number
  readonly intensifiersPer100w: number
  readonly loadedPer100w: number
  readonly neutralVerbsPer100w: number
  readonly loadedVerbsPer100w: number
  /** Loaded report verbs over all report verbs (0 when none). */
  readonly loadedVerbShare: number
  /** The most used report verbs, `said:4; told:2`. */
  readonly reportVerbs: string
  readonly quotes: number
  readonly quotesPer100w: number
  readonly quotedWordShare: number
  readonly distinctSpeakers: number
  /** Distinct named sources (attributions and quote speakers that are names). */
  readonly namedSources: number
  /** Sentences sourced to anonymous people ("an official familiar with", "sources said") per 100 words. */
  readonly anonymousPer100w: number
  /** Share of attributed sentences whose source is an official voice (titles, offices, institutions). */
  readonly officialShare: number
  readonly entitiesPer100w: number
  readonly numbersPer100w: number
  readonly leadStatement: string | null
  readonly leadSupport: number
  /** Mean position (0 top, 1 end) of its sentences that other outlets also carry. */
  readonly sharedPosition: number
  /** Share of sentences touching each frame, in the order of the frames lexicon. */
  readonly frames: Readonly<Record<string, number>>
}

/** Tone of an outlet toward one of the story's main entities. */
export interface EntityTone {
  readonly outlet: string
  readonly entity: string
  readonly sentences: number
  readonly tonePer100w: number
}

/** A term an outlet uses markedly more than the others (log-odds ratio, informative Dirichlet prior). */
export interface DistinctiveTerm {
  readonly outlet: string
  readonly term: string
  readonly count: number
  readonly others: number
  readonly logOdds: number
  readonly z: number
}

/** How one outlet words one statement it shares with others. */
export interface Wording {
  readonly statement: string
  readonly outlet: string
  readonly article: string
  readonly sentence: string
  readonly reportVerb: string | null
  readonly verbKind: 'neutral' | 'loaded' | null
  readonly hedges: readonly string[]
  /** `added` when it hedges and most others do not, `dropped` when most others hedge and it does not. */
  readonly hedgeChange: 'added' | 'dropped' | null
  readonly loaded: readonly string[]
  readonly attribution: string | null
  /** `dropped` when others attribute the claim and it does not; `changed` when its source differs. */
  readonly attributionChange: 'dropped' | 'changed' | null
  readonly tonePer100w: number
  /** Its tone minus the mean tone of the other outlets' sentences. */
  readonly toneDifference: number
}

/** Everything `framing` measures for a story. */
export interface Framing {
  readonly outlets: readonly FramingRow[]
  readonly articles: readonly FramingRow[]
  readonly entityTone: readonly EntityTone[]
  readonly terms: readonly DistinctiveTerm[]
  readonly wording: readonly Wording[]
  /** Each article's headline: its tone and loaded words (headlines are kept out of every other measure). */
  readonly headlines: readonly HeadlineFraming[]
  /** Term counts per outlet, for corpus-wide distinctive terms. */
  readonly termCounts: ReadonlyMap<string, ReadonlyMap<string, number>>
}

/** How a headline is worded: tone per 100 words (AFINN-165) and the loaded words and intensifiers it uses. */
export interface HeadlineFraming {
  readonly article: string
  readonly outlet: string
  /** Unit id of the headline (`<article id>#h`). */
  readonly unit: string
  readonly text: string
  readonly tonePer100w: number
  readonly loaded: readonly string[]
}

/** Everything a story's reports say. */
export interface Ledger {
  readonly story: {
    readonly id: string
    readonly articleCount: number
    readonly outletCount: number
    readonly sentenceCount: number
    readonly statementCount: number
    /** Statements with at least two independent origins. */
    readonly corroboratedCount: number
    readonly conflictCount: number
    /** Quote instances whose words changed against their group's reference. */
    readonly quotesChanged: number
    readonly comparedPairs: number
    readonly possiblePairs: number
  }
  readonly articles: readonly ArticleSummary[]
  readonly documents: readonly Document[]
  readonly statements: readonly ScoredStatement[]
  readonly outletPairs: readonly OutletPair[]
  readonly framing: Framing
  readonly conflicts: readonly Conflict[]
  readonly quotes: readonly QuoteInstance[]
  readonly omissions: readonly Omission[]
  readonly digest: Digest
}
