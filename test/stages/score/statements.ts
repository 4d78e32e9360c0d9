// Hand-made scored statements for the score stage's tests of outlet pairs and omissions.
import type { Relation, ScoredStatement } from '../../../core/types.js'

/**
 * A scored statement carried by `members` (`[sentence id, outlet]`, the article is the id's part before `#`), with
 * `pairs` (`[a, b, similarity, relation]`); support and independent support count its outlets unless given.
 */
export function scored(
  id: string,
  members: readonly (readonly [sentence: string, outlet: string])[],
  pairs: readonly (readonly [a: string, b: string, similarity: number, relation: Relation])[] = [],
  more: Partial<Pick<ScoredStatement, 'independentSupport' | 'near'>> = {},
): ScoredStatement {
  const outlets = [...new Set(members.map(([, outlet]) => outlet))]
  return {
    id,
    text: `The text of ${id}.`,
    representative: members[0]![0],
    members: members.map(([sentence, outlet], index) => ({ sentence, article: sentence.split('#')[0]!, outlet, index, similarity: 1, relation: 'identical', representative: index === 0, attached: false })),
    pairs: pairs.map(([a, b, similarity, relation]) => ({ a, b, similarity, relation, values: null })),
    near: more.near ?? [],
    support: outlets.length,
    independentSupport: more.independentSupport ?? outlets.length,
    outlets,
    origins: outlets,
    meanSimilarity: 0,
    minSimilarity: 0,
    conflicts: 0,
    originShare: 0,
    consistency: 1,
  }
}
