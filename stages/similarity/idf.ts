// The inverse document frequency of stems over the sentences of a story (or of a set of text pairs).
import { type SentenceFeatures, stemId } from './sentence.js'

/** Inverse document frequency over a set of sentences: `ln((N + 1) / (df + 1)) + 1`. */
export class Idf {
  private df = new Int32Array(1024)
  private count = 0
  private weights: Float64Array | null = null

  /** Sentences counted so far: changes whenever the weights do. */
  get size(): number {
    return this.count
  }

  /** Count the stems of one sentence. */
  add(features: SentenceFeatures): void {
    this.weights = null
    this.count++
    for (const id of features.ids) {
      if (id >= this.df.length) {
        const grown = new Int32Array(Math.max(id + 1, this.df.length * 2))
        grown.set(this.df)
        this.df = grown
      }
      this.df[id]!++
    }
  }

  /** Weight of a stem id: `ln((N + 1) / (df + 1)) + 1`; stems never counted weigh as if seen once. */
  weightOf(id: number): number {
    if (!this.weights) {
      this.weights = new Float64Array(this.df.length)
      for (let i = 0; i < this.df.length; i++) this.weights[i] = Math.log((this.count + 1) / (Math.max(1, this.df[i]!) + 1)) + 1
    }
    return id < this.weights.length ? this.weights[id]! : Math.log((this.count + 1) / 2) + 1
  }

  /** Weight of a stem. */
  weight(stem: string): number {
    return this.weightOf(stemId(stem))
  }

  /** How many sentences contain the stem. */
  frequency(stem: string): number {
    const id = stemId(stem)
    return id < this.df.length ? this.df[id]! : 0
  }
}
