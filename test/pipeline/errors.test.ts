// One error class: every failure the user can fix is a CorroborateError, which the CLI prints without a stack.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { CorroborateError } from '../../core/messages.js'
import { main } from '../../pipeline/cli.js'

const ROOT = path.join(__dirname, '..', '..')

/** Every `throw new …(` in the layers that talk to the user (core, pipeline, commands) that is not a CorroborateError. */
function plainThrows(): string[] {
  const offenders: string[] = []
  for (const dir of ['core', 'pipeline', 'commands']) {
    for (const name of readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]) {
      if (!name.endsWith('.ts')) continue
      const lines = readFileSync(path.join(ROOT, dir, name), 'utf8').split('\n')
      lines.forEach((line, i) => {
        // `Abandoned` is the story runner's own signal between stages, caught where it is thrown; `UnrecoverableError`
        // is BullMQ's, thrown to the queue (a job not to try again), which records it as the job's failure.
        const match = /throw (?:Object\.assign\()?new (\w+)\(/.exec(line)
        if (match && !['CorroborateError', 'NotAFileError', 'Abandoned', 'UnrecoverableError'].includes(match[1]!)) offenders.push(`${dir}/${name}:${i + 1}: ${match[1]}`)
      })
    }
  }
  return offenders
}

describe('CorroborateError', () => {
  it('is an Error with a code', () => {
    const error = new CorroborateError('ERR_EXAMPLE', 'Expected a, got b')
    expect({ isError: error instanceof Error, name: error.name, code: error.code, message: error.message }).toEqual({ isError: true, name: 'CorroborateError', code: 'ERR_EXAMPLE', message: 'Expected a, got b' })
  })

  it('is what core, pipeline and commands throw (no plain Error with a code for the CLI to list)', () => {
    expect(plainThrows()).toEqual([])
  })

  it('reaches the user as a usage message, with the hint to --help, for a bad option value', async () => {
    const err: string[] = []
    const code = await main(['analyze', '--log-format', 'xml'], { stdout: () => {}, stderr: (s) => err.push(s) })
    expect({ code, stderr: err.join('') }).toEqual({ code: 2, stderr: 'corroborate: Expected `--log-format` to be `text` or `json`, got `xml`\nRun `corroborate --help` for usage.\n' })
  })
})
