// The worker thread of `analyze --concurrency N`: piscina runs one of these per thread and hands it stories.
import { workerData } from 'node:worker_threads'
import type { WordVectors } from '../resources/vectors.js'
import { checkVectors } from '../stages/similarity/index.js'
import { analyseStory, type StoryJob, type StoryOutcome, type StorySettings } from './story.js'
import { loadVectors } from './tables.js'

/** What the main thread gives every worker: the run's settings, whether to load the word vectors, and the stop flag. */
export interface WorkerData {
  readonly settings: StorySettings
  readonly vectors: boolean
  /** One Int32 on shared memory: the main thread sets it to 1 when the run is being stopped (a signal). */
  readonly stop: Int32Array
}

const data = workerData as WorkerData
let vectors: WordVectors | undefined
if (data.vectors) {
  // Each thread loads the table once (a file read and an index, ~70 ms), as the main thread does.
  vectors = loadVectors()
  if (data.settings.model) checkVectors(data.settings.model, vectors)
}

// Read between stages: a story in flight when the run is stopped is abandoned at its next stage, not killed
// half-way through a write.
const stopping = () => Atomics.load(data.stop, 0) !== 0

/** Analyse one story on this thread. */
export default async function run(job: StoryJob): Promise<StoryOutcome> {
  return analyseStory(job, data.settings, vectors, stopping)
}
