// English boilerplate: the patterns by which clean knows a block of a scraped page for an ad, a prompt, a credit, a
// caption, a byline or a dateline. Case matters where a pattern says so: names are told by their capitals.

// A single hyphen needs a space before it: "COVID-19 cases rose" and "US-China talks" have no dateline.
const DATELINE_PLACE = String.raw`[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})?`
// "LOS ANGELES, May 4 (Reuters) -", "WASHINGTON, Dec. 3, 2008 (Xinhua) --": a wire's date after the place.
const DATELINE_DATE = String.raw`(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?`
const DATELINE_SOURCE = String.raw`\((?:[A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]+){0,2})\)`
// The dash of most wires, AP's old underscore ("LOS ANGELES (AP) _ Lindsay Lohan has …").
const DATELINE_DASH = String.raw`(?: ?(?:[—–]|--) ?| - ?| _ )`

// Without a dash only an agency's capitals: "(CNN)Actress …", not "(Updated) The council …" or "(VIDEO) The …".
/**
 * A dateline opening the first paragraph: "MOSCOW — ", "PORT ALDER (CPA) — ", "WASHINGTON, D.C. - ", "LOS ANGELES,
 * May 4 (Reuters) - ", "LOS ANGELES (AP) _ ", and the agency alone: "(CNN) -- ", "(CNN)Actress …". Group 1 is the place
 * (and date and agency).
 */
export const DATELINE = new RegExp(
  String.raw`^(?:((?:${DATELINE_PLACE})(?:, ${DATELINE_DATE})?(?: ${DATELINE_SOURCE})?|${DATELINE_SOURCE})${DATELINE_DASH}|(\((?!FILE\))[A-Z]{2,4}\)) ?(?=[A-Z“"]))`,
)

/** The label that opens a caption: "Photo: ", "Image 2 | ", "File photo — ". */
export const CAPTION_PREFIX =
  /^(?:(?:image|photo|photograph|picture|caption|video|graphic|gallery|file photo|illustration)\s*\d*\s*[:|—–-]|(?:image|media|video|picture|photo) (?:caption|source|credit)\s*[:,|—–-])\s*/i

/** An advertising marker on a line of its own: "ADVERTISEMENT", "Story continues below advertisement". */
export const ADVERTISING =
  /^(?:advertisement|advertising|ad|sponsored(?: content)?|paid (?:content|post)|story continues below(?: this)?(?: advertisement| ad)?|article continues (?:below|after (?:this )?(?:advertisement|ad))|continue reading (?:the main story|below)|scroll (?:down )?to continue(?: reading)?|skip (?:this )?ad(?:vertisement)?)\s*[.:]?$/i

// "IE 11 is not supported", not "The app is not supported on older phones, the company said."
/** A notice about the reader's browser or JavaScript. */
export const BROWSER =
  /\b(?:(?:browser|explorer|\bIE|javascript|version)(?: \d+(?:\.\d+)?)? is (?:no longer |not )supported|not supported (?:by|in|on) (?:your|this) browser|(?:update|upgrade) your browser|for (?:an optimal|the best|a better) (?:browsing )?experience|enable javascript|javascript is (?:disabled|turned off)|browser (?:is )?(?:out of date|outdated|unsupported))/i

/** A paywall or log-in prompt, anywhere in a short block. */
export const SUBSCRIPTION =
  /\b(?:subscribe (?:now|today|to (?:continue|keep|read|unlock))|please (?:subscribe|log ?in|sign ?in|register)|already (?:a )?(?:subscriber|member|have an account)\s*\?|(?:log|sign) ?in (?:first|to (?:continue|read|comment|keep)|here|or (?:subscribe|register))|reset (?:your )?password|account email|subscribers only|you have reached your (?:limit|maximum)|articles? (?:remaining|left this month)|support (?:our|independent) journalism)/i

// Prompts whose words news prose also uses mid-sentence ("residents sign up for the program", "a free trial of the
// drug", "expand digital access") count only where they start a sentence, as a prompt does.
/** A subscription prompt that counts only at the start of a sentence. */
export const SUBSCRIPTION_START =
  /(?:^|[.!?]\s+)(?:please )?(?:subscribe (?:for|to (?:get|our))|sign up (?:for|to get|to receive|now|here|today|to [^.!?]{0,60}\bnewsletter)|create (?:a |an )?(?:free )?account|only subscribers|to (?:continue|keep) reading|keep reading|become a (?:member|subscriber)|unlimited digital access|(?:get|start|enjoy|try|unlock|claim) (?:your |a |an )?(?:\d+-day )?(?:free trial|unlimited (?:digital )?access|digital access))/i

// "Photo by Lena Ortiz / The Courier": the label is capitalised, and the regex is case-sensitive for the names.
/**
 * A photo credit alone on its line: "Photo by Lena Ortiz / The Courier", "Marta Kovacs / Northwind Images". Each name
 * ends at a space, the slash or the closing parenthesis, so a name is matched one way only: "(?:[A-Z][\w.'’-]*\s?)"
 * could also split a run of capitals into names at every letter, and a line of 600 capitals took half a minute.
 */
export const CREDIT_ONLY = /^\(?(?:(?:[Pp]hoto|[Ii]mage|[Pp]icture|[Cc]redit|[Pp]hotograph)s?(?: by| credit)?\s*[:\-–—]?\s*)?(?:[A-Z][\w.'’-]*(?:\s|(?=\/))){1,4}\/\s*(?:[A-Z][\w.'’&-]*(?:\s|(?=\))|$)){1,4}\)?$/

/** A photo credit closing a caption: "… / Getty Images", "(AP Photo/…)"; its names end as in `CREDIT_ONLY`. */
export const CREDIT_TAIL =
  /(?:\/\s*(?:Getty Images|AP(?: Photo)?|Reuters|AFP|EPA|Shutterstock|Bloomberg|Alamy|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*(?: Images| Photos?| Pictures| Staff))\)?|\((?:AP|Reuters|AFP|EPA) Photo(?:\/[^)]*)?\)|\((?:[A-Z][\w.'’-]*(?:\s|(?=\/))){1,4}\/\s*(?:[A-Z][\w.'’&-]*(?:\s|(?=\)))){1,4}\))\s*$/

/** A caption that opens with its credit: "Photo by …", "Image: …". */
export const CREDIT_LEAD = /^(?:photo|image|picture)s?(?: credit)?\s*(?:by|:)\s/i

/** A link to other stories, with its label: "Related: …", "Read more: …", "More from The Courier: …". */
export const RELATED =
  /^(?:related(?: (?:coverage|stories|articles|content|links?|video|reading))?|read (?:more|also|next)|also read|see also|more on this(?: story)?|more from [^:]{1,30}|recommended(?: reading)?|you (?:may|might) also like|watch|listen|don'?t miss|trending(?: now)?|most (?:read|popular)|top stories|further reading)\s*[:|»›>–—-]/i

/** A label of related links on a line of its own: "Related stories", "Most read". */
export const RELATED_LABEL =
  /^(?:related(?: (?:articles|stories|coverage|content|topics))?|more (?:stories|news|coverage)|recommended|trending(?: now)?|most (?:read|popular)|top stories|(?:explore )?more on (?:these|this) topics?|topics)$/i

// "See our privacy policy", not "Facebook changed its privacy policy, the company said" (reported prose is kept).
/**
 * The site's own notices of privacy, terms and standards: "Privacy Notice: Newsletters may contain …", "For more
 * information see our Privacy Policy.", "… reCAPTCHA … Terms of Service apply", "Our Standards: The Thomson Reuters
 * Trust Principles.", "We use cookies …".
 */
export const SITE_NOTICE =
  /^(?:privacy notice|our standards|editorial standards|cookie (?:notice|policy|settings))\s*:|\b(?:see|read|view|review) our (?:privacy|cookie|terms)|\bprivacy policy and terms of (?:service|use) apply\b|\brecaptcha\b|^we use cookies\b|\btrust principles\b|\bnewsletters? may contain\b/i

/** A contributor's credit: "Associated Press writer Jill Lawless contributed to this report.", "Jane Doe contributed reporting." */
export const CONTRIBUTED = /\bcontributed(?: (?:to )?(?:this |the )?(?:report|reporting|story|article|coverage))(?: from [A-Z][^.]{0,40})?\.?$/

/** A copyright or reproduction notice: "©", "All rights reserved", "may not be published". */
export const COPYRIGHT = /^(?:©|\(c\)\s)|\ball rights reserved\b|\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)/i

// "Copyright 2024 …", "Copyright © The Courier"; not "Copyright lawyers for the studio filed suit."
/** A line that opens with "Copyright" and a year, a mark or a name. */
export const COPYRIGHT_LINE = /^(?:[Cc]opyright|COPYRIGHT)\s*(?:©|\([Cc]\)|\d{4}|[A-Z])/

// "Follow KSTR News on Facebook.": the outlet's name may take a few words.
/** A sharing, following or comments prompt: "Share this", "Follow KSTR News on Facebook.", "Leave a comment". */
export const SOCIAL =
  /^(?:share (?:this|on|via)\b|follow (?:us|@|(?:[\w.&'’-]+ ){1,3}on (?:twitter|facebook|instagram|x|threads|linkedin))\b|like us on\b|click here\b|tweet this\b|email this\b|print this\b|(?:leave|post|view|show|read) (?:a |all |the )?comments?\b|join the conversation\b|e-?mail (?:this(?: article| story)?|to a friend)\b|click to (?:share|email|print|tweet)\b|find this article at\b|(?:have|got) a (?:news )?tip\b|send us (?:a |your )?(?:news )?tips?\b|(?:share|tweet|email|print|comments?|facebook|twitter|whatsapp|linkedin|copy link|reuse this content|share this (?:article|story|page))$)/i

// "(Reporting by Lena Ortiz; Editing by …)": a name follows; "Reporting by the local paper revealed …" is a sentence.
/** A reporting credit: "(Reporting by Lena Ortiz; Editing by …)". */
export const REPORTING_CREDIT = /^[(\[—–-]*\s*(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Aa]dditional reporting|[Cc]ompiled|[Pp]roduced) by [A-Z]/

// "By Jane Doe", "BY JANE DOE", "by Jane Doe": the regex is case-sensitive for the names, so spell out "By".
/** A byline: "By Jane Doe", "BY JANE DOE", "By Jane Doe and John Roe". */
export const BYLINE = /^(?:(?:[Pp]osted|[Ww]ritten|[Ss]tory|[Rr]eported) by:?|[Bb]y|BY) (?:[A-Z][\w.'’-]*|[A-Z]{2,})(?: [A-Z][\w.'’-]*){0,3}(?:(?:,| and) [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})*\.?$/

/** A page's taxonomy line: "Filed under: Celebrity news", "Tags: earthquake, rescue", "Topics: …", "Keywords: QUAKE/". */
export const PAGE_TAGS = /^(?:filed under|tags?|tagged(?: with)?|topics?|posted in|categories|category|keywords|subjects?|more about)\s*:\s*\S/i

/** The label of a page's time stamp: "Published:", "Last updated", "First published on", "Posted at". */
export const TIMESTAMP_LABEL = /^(?:(?:first |last |originally )?(?:published|posted|updated|modified|revised)|last update|date)\b\s*(?::|on\b|at\b)?\s*/i

/**
 * The words of a time stamp once its label is off, lower case: weekdays, months, "a.m.", time zones, "at", "on".
 * "Tuesday, May 4, 2007 3:15 PM EDT", "12:01 GMT, 4 May 2007", "05/04/2007 10:12 | Updated 11:30".
 */
export const TIMESTAMP_WORDS = new Set(
  [
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    'am', 'pm', 'a', 'p', 'm', 'at', 'on', 'of', 'the', 'gmt', 'utc', 'bst', 'cet', 'cest', 'et', 'est', 'edt', 'ct', 'cst', 'cdt', 'mt', 'mst',
    'mdt', 'pt', 'pst', 'pdt', 'ist', 'aest', 'aedt', 'hkt', 'jst', 'sgt', 'z', 'published', 'posted', 'updated', 'modified', 'last', 'first', 'ago',
    'hour', 'hours', 'minute', 'minutes', 'day', 'days', 'hrs', 'mins', 'today', 'yesterday',
  ],
)

/** A number in a time stamp: "4", "2007", "4th", "10h". */
export const TIMESTAMP_NUMBER = /^\d{1,4}(?:st|nd|rd|th|h)?$/

/** A page's line about where the text first ran: "This article was originally published by The Conversation." */
export const REPUBLISHED = /^(?:this (?:article|story|piece|post) (?:was |is )?(?:originally |first )?(?:published|appeared|ran|republished)|(?:originally|first) (?:published|appeared))\b[^.!?]{0,80}\b(?:by|in|on|at|from|with permission)\b/i

/** Section names a page shows above its headline ("World", "Politics"), lower case. */
export const SECTIONS = new Set(
  [
    'news', 'local', 'local news', 'world', 'world news', 'us', 'u.s.', 'us news', 'nation', 'national', 'international', 'politics',
    'business', 'economy', 'markets', 'opinion', 'editorial', 'sports', 'tech', 'technology', 'science', 'health', 'entertainment',
    'culture', 'arts', 'lifestyle', 'travel', 'europe', 'asia', 'africa', 'americas', 'middle east', 'region', 'regional', 'metro',
    'city', 'breaking', 'breaking news', 'exclusive', 'analysis', 'live', 'updated', 'update', 'investigations', 'education',
    'environment', 'climate', 'crime', 'courts', 'government', 'city hall', 'state', 'weather', 'home',
  ],
)

// Reported prose ("…, the county said.", a quotation, several sentences) is no caption, even above a credit line.
/** Reported prose: a speech verb or a quotation mark, which a caption never has. */
export const REPORTED = /\b(?:said|says|told|tells|according to|added|asked|announced|reported)\b|["“”]/i
