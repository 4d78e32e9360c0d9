// core/dates: the day an article's `published` value names, the same on every machine.

/**
 * The day a `published` value names, as whole days since 1970, or null: "2011-04-07", "2011-04-07T22:15:00Z" and
 * "2011-04-07 22:15" by their date as written (the outlet's own day, whatever its zone); other forms Date.parse
 * reads ("May 4, 2007", "Fri, 04 May 2007 10:12:00 GMT") by the date they name, the same on every machine: a value
 * without a zone is read in local time, so its local date is the one written; one with a zone by its UTC date.
 */
export function publishedDay(published: string | null): number | null {
  if (published === null) return null
  const text = published.trim()
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text)
  if (iso) return Math.floor(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) / 86_400_000)
  const ms = Date.parse(text)
  if (!Number.isFinite(ms)) return null
  const d = new Date(ms)
  const zoned = /(?:\b(?:GMT|UTC)\b|Z$|[+-]\d{2}:?\d{2}$)/.test(text)
  const day = zoned ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) : Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())
  return Math.floor(day / 86_400_000)
}
