// The made-up story align's tests share: three outlets on one bridge closure, through the real ingest → clean → segment.
import type { Document } from '../../../core/types.js'
import { documentsOf, type MadeUpArticle } from '../score/documents.js'

/** Three outlets on one bridge closure: one fact in three wordings, a figure said within a longer sentence, and asides. */
export const BRIDGE: readonly MadeUpArticle[] = [
  {
    id: 'a',
    outlet: 'Tribune',
    title: 'Harbor bridge closes for repairs',
    text: [
      'The Calder Street bridge will close for six months of repairs starting on Monday, the city said.',
      'The bridge carries 38,000 vehicles a day, and every one of those drivers was scrambling to find another route.',
      'The mayor promised free ferry rides during the closure.',
      'The zoo welcomed a baby giraffe named Pebble on Tuesday.',
    ].join('\n\n'),
  },
  {
    id: 'b',
    outlet: 'Herald',
    title: 'Calder Street bridge to close for six months',
    text: [
      'The city will close the Calder Street bridge for six months of repairs beginning Monday.',
      'The bridge carries about 42,000 vehicles a day.',
      'Ferry rides will be free while the bridge is closed, the mayor said, adding that buses will run every ten minutes and that the council approved the plan unanimously last week.',
      'Local bakeries reported record sales of pumpkin bread.',
    ].join('\n\n'),
  },
  { id: 'c', outlet: 'Courier', text: 'Repairs will shut the Calder Street bridge for half a year from Monday.\n\nA new library branch opened downtown with a rooftop garden.' },
]

/** The documents of `BRIDGE`. */
export function bridge(): Document[] {
  return documentsOf('bridge', BRIDGE)
}
