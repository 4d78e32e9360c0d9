// Stories on worker threads: the reports are the same byte for byte as on one thread, whatever the order.
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
// The module object itself, so that a spy on it is seen by the code under test.
import os = require('node:os')
import path from 'node:path'
import { main } from '../../pipeline/cli.js'
import { tree } from '../helpers.js'

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = []
  const code = await main(argv, { stdout: () => {}, stderr: (s) => err.push(s) })
  return { code, stderr: err.join('') }
}

/** The sample corpus, a copy of one of its stories under another name, and a story with a bad file. */
async function corpus(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corroborate-parallel-'))
  await cp(path.join(__dirname, '..', '..', 'corpus'), dir, { recursive: true })
  await cp(path.join(dir, 'harbor-bridge'), path.join(dir, 'harbor-bridge-copy'), { recursive: true })
  await cp(path.join(dir, 'school-lunch-vote'), path.join(dir, 'with-bad-file'), { recursive: true })
  await writeFile(path.join(dir, 'with-bad-file', 'broken.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff]))
  // wink-nlp learns "Kovalenko’s" whole from the first story; a thread that read it would split the second story's
  // "Kovalenko’s aides" differently from one that had not, unless every article is tokenized as if first.
  const teach = ['The decision was Kovalenko’s, the ministry said on Friday.', 'Critics called the plan Kovalenko’s, not the cabinet’s.']
  const use = [
    'Kovalenko’s aides met the grain traders in Odesa on Thursday to discuss the export quota.',
    'The traders said Kovalenko’s office had promised a decision within two weeks.',
    'Kovalenko’s spokesman declined to comment on the talks, which ran for four hours.',
  ]
  for (const [story, lines] of [['a-teach', teach], ['b-use', use]] as const) {
    await mkdir(path.join(dir, story))
    await writeFile(path.join(dir, story, 'gazette.txt'), lines.join('\n\n'))
    await writeFile(path.join(dir, story, 'courier.txt'), [...lines].reverse().join('\n\n'))
  }
  return dir
}

describe('--concurrency', () => {
  it('writes the same reports and messages on 1, 2 and 3 threads', async () => {
    const input = await corpus()
    // Three threads even on a machine with two cores (`--concurrency` is capped at the cores).
    const cores = jest.spyOn(os, 'availableParallelism').mockReturnValue(3)
    const results = []
    for (const threads of ['1', '2', '3']) {
      const out = path.join(input, '..', `${path.basename(input)}-out-${threads}`)
      const { code, stderr } = await run(['analyze', '--corpus', input, '--out', out, '--concurrency', threads])
      const { 'run.json': runJson, ...files } = await tree(out)
      const record = JSON.parse(runJson!) as { messages: unknown[]; counts: unknown }
      // Progress lines come as stories finish; the messages after them are in story order.
      results.push({ code, files, messages: record.messages, counts: record.counts, printed: stderr.replaceAll(out, 'OUT').split('\n').filter((l) => !l.startsWith('[')) })
    }
    // broken.txt decodes (as UTF-32) to no text: a warning, as an empty article is, so the run exits 0.
    expect(results[0]!.code).toBe(0)
    expect(JSON.stringify(results[0]!.messages)).toContain('broken.txt')
    expect(Object.keys(results[0]!.files)).toContain('harbor-bridge-copy/statements.csv')
    cores.mockRestore()
    expect(results[1]).toEqual(results[0])
    expect(results[2]).toEqual(results[0])
  })

  it('rejects a count that is not a positive integer', async () => {
    const input = await corpus()
    for (const bad of ['0', '1.5', 'many']) {
      const { code, stderr } = await run(['analyze', '--corpus', input, '--out', path.join(input, 'out'), '--concurrency', bad])
      expect({ code, stderr }).toEqual({ code: 2, stderr: expect.stringContaining(`Expected \`--concurrency\` to be a positive integer, got \`${bad}\``) })
    }
  })

  it('takes the count from a config file, and reports a bad one by file and key', async () => {
    const input = await corpus()
    const config = path.join(input, '..', `${path.basename(input)}-config.json`)
    await writeFile(config, JSON.stringify({ corpus: input, out: path.join(input, '..', `${path.basename(input)}-out`), concurrency: 2 }))
    expect((await run(['analyze', '--config', config])).code).toBe(0)
    await writeFile(config, JSON.stringify({ concurrency: 'all' }))
    const { code, stderr } = await run(['analyze', '--config', config])
    expect(code).toBe(2)
    expect(stderr).toContain(config)
    expect(stderr).toContain('concurrency')
  })
})
