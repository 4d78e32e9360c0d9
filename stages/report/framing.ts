// framing.csv: one row per outlet, how it tells the story (tone, certainty, report verbs, sourcing, emphasis,
// frames); its columns and row maker are shared with framing_articles.csv.
import { DEFAULT_LEXICONS } from '../../lang/en/lexicons/index.js'
import type { Column, ColumnFamily, CsvFile, ReportInput } from './report-file.js'
import type { FramingRow, Ledger } from '../../core/types.js'

/** The frames of the story's framing results, in the lexicon's order (none when no outlet has a row). */
export function frameNamesOf(ledger: Ledger): string[] {
  return ledger.framing.outlets[0] ? Object.keys(ledger.framing.outlets[0].frames) : []
}

/** The framing measures, one column each, after which come the frame columns. */
export const FRAMING_MEASURES: readonly Column[] = [
  { name: 'outlet', doc: 'the outlet' },
  { name: 'articles', doc: 'its articles in the story' },
  { name: 'words', doc: 'its words in the story: word and number tokens of kept sentences' },
  { name: 'sentences', doc: 'its kept sentences in the story' },
  { name: 'corroborated_sentences', doc: 'its sentences that belong to a statement' },
  { name: 'coverage', doc: '`corroborated_sentences / sentences`: how much of its text other outlets back' },
  { name: 'exclusive_sentences', doc: 'its sentences no other outlet carries' },
  { name: 'tone_per_100w', doc: "sum of the words' sentiment (AFINN-165, −5 to +5 each) per 100 words: below 0 reads negative" },
  { name: 'tone_sd', doc: "spread (standard deviation) of its sentences' tone per 100 words" },
  { name: 'hedges_per_100w', doc: 'hedges and approximators ("appears", "reportedly", "roughly") per 100 words' },
  { name: 'weasels_per_100w', doc: 'weasel words and vague sourcing ("some say", "critics said", "many") per 100 words' },
  { name: 'modals_per_100w', doc: 'modal verbs ("may", "could", "would") per 100 words' },
  { name: 'intensifiers_per_100w', doc: 'intensifiers ("very", "abruptly", "completely") per 100 words' },
  { name: 'loaded_per_100w', doc: 'subjective or loaded words ("fiasco", "chaos", "slammed") per 100 words' },
  { name: 'neutral_verbs_per_100w', doc: 'neutral report verbs ("said", "told", "according to") per 100 words' },
  { name: 'loaded_verbs_per_100w', doc: 'loaded report verbs ("claimed", "admitted", "insisted") per 100 words' },
  { name: 'loaded_verb_share', doc: 'loaded report verbs over all report verbs (0 when none)' },
  { name: 'report_verbs', doc: 'its five most used report verbs with counts, `said:13; told:2`' },
  { name: 'quotes', doc: 'direct quotations (a quote spanning sentences counts once)' },
  { name: 'quotes_per_100w', doc: 'quoted passages per 100 words' },
  { name: 'quoted_word_share', doc: 'share of its words inside quotation marks' },
  { name: 'distinct_speakers', doc: 'distinct speakers of its quotes' },
  { name: 'named_sources', doc: 'distinct named sources (quote speakers and attributions that are names)' },
  { name: 'anonymous_per_100w', doc: 'sentences sourced to anonymous people ("sources said") per 100 words' },
  { name: 'official_share', doc: 'share of its attributed sentences whose source is an official voice' },
  { name: 'entities_per_100w', doc: 'named-entity mentions per 100 words' },
  { name: 'numbers_per_100w', doc: 'numbers per 100 words' },
  { name: 'lead_statement', doc: 'the statement its first body sentence belongs to (empty when no other outlet carries it)' },
  { name: 'lead_support', doc: "that statement's support (0 when none)" },
  { name: 'shared_position', doc: 'mean position (0 the top, 1 the end) of its sentences that other outlets also carry' },
]

/**
 * One `frame_<name>` column per frame of the frames lexicon. A story's columns are named from its framing results,
 * so a replaced lexicon brings its own; the shipped names come from the shipped lexicons in lang/en, not from
 * framing/, which report/ does not import.
 */
export const FRAME_COLUMNS: ColumnFamily<ReportInput> = {
  family: 'frame_<name>',
  doc: 'share of its sentences touching each frame of the frames lexicon (the 15 Policy Frames Codebook dimensions), by keyword',
  names: ({ ledger }) => frameNamesOf(ledger).map((name) => `frame_${name}`),
  shipped: Object.keys(DEFAULT_LEXICONS.frames).map((name) => `frame_${name}`),
}

/** The cells of a framing row (an outlet's or an article's), the frame columns named after `frameNames`. */
export function framingRow(f: FramingRow, frameNames: readonly string[]) {
  return {
    article_id: f.article,
    outlet: f.outlet,
    articles: f.articles,
    words: f.words,
    sentences: f.sentences,
    corroborated_sentences: f.corroboratedSentences,
    coverage: f.coverage,
    exclusive_sentences: f.exclusiveSentences,
    tone_per_100w: f.tonePer100w,
    tone_sd: f.toneSd,
    hedges_per_100w: f.hedgesPer100w,
    weasels_per_100w: f.weaselsPer100w,
    modals_per_100w: f.modalsPer100w,
    intensifiers_per_100w: f.intensifiersPer100w,
    loaded_per_100w: f.loadedPer100w,
    neutral_verbs_per_100w: f.neutralVerbsPer100w,
    loaded_verbs_per_100w: f.loadedVerbsPer100w,
    loaded_verb_share: f.loadedVerbShare,
    report_verbs: f.reportVerbs,
    quotes: f.quotes,
    quotes_per_100w: f.quotesPer100w,
    quoted_word_share: f.quotedWordShare,
    distinct_speakers: f.distinctSpeakers,
    named_sources: f.namedSources,
    anonymous_per_100w: f.anonymousPer100w,
    official_share: f.officialShare,
    entities_per_100w: f.entitiesPer100w,
    numbers_per_100w: f.numbersPer100w,
    lead_statement: f.leadStatement,
    lead_support: f.leadSupport,
    shared_position: f.sharedPosition,
    // Own frames only, else 0: a replaced lexicon may name a frame `constructor`.
    ...Object.fromEntries(frameNames.map((name) => [`frame_${name}`, Object.hasOwn(f.frames, name) ? f.frames[name]! : 0])),
  }
}

/** framing.csv: one row per outlet. */
export const framingCsv: CsvFile = {
  file: 'framing.csv',
  about: 'one row per outlet',
  columns: [...FRAMING_MEASURES, FRAME_COLUMNS],
  rows: ({ ledger }) => {
    const frameNames = frameNamesOf(ledger)
    return ledger.framing.outlets.map((f) => framingRow(f, frameNames))
  },
}
