// escape: the one way any text reaches the HTML reports. Every text from the input (titles, outlet names, sentences,
// terms, story ids) goes through `text` between tags and through `attr` inside a quoted attribute value; a link
// goes through `href`, which keeps only http(s) addresses. Nothing else writes input into the page.

const TEXT: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }
const ATTR: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' }

/** Text between tags: `&`, `<` and `>` as entities, so that `<script>` or `</style>` is only ever text. */
export function text(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>]/g, (c) => TEXT[c]!)
}

/**
 * A quoted attribute's value (always written inside `"…"`): quotes, `<`, `>`, `&` and backticks as entities, so that a
 * title cannot close the attribute and add `onerror=…`.
 */
export function attr(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ATTR[c]!)
}

/**
 * An article's address as a link target, escaped for an attribute, or null when it is not an absolute http(s)
 * address (`javascript:alert(1)`, `data:…`, a relative path): such an address is shown as text, never followed.
 */
export function href(url: string | null | undefined): string | null {
  if (!url) return null
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return null
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? attr(parsed.href) : null
}

/** A tag's id or class name made from input (a statement id, an outlet name): letters, digits, `-` and `_` only. */
export function slug(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)
}
