// page: the frame every HTML report shares: one inline stylesheet, one small inline script (sorting tables, filtering
// and expanding the ledger; the page reads whole without it) and a content security policy that lets nothing load
// from anywhere and runs no script but that one, so the page opens from `file://` and makes no request.
import { createHash } from 'node:crypto'
import { attr, text } from './escape.js'

/** The colour-blind-safe palette of Okabe and Ito (2008), by name: every figure of the reports draws from it. */
export const OKABE_ITO = {
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
} as const

const STYLE = `
:root{--ink:#1d1d1f;--muted:#5b5b60;--rule:#d8d8dc;--paper:#fff;--soft:#f4f4f6;--accent:${OKABE_ITO.blue}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 "Liberation Sans",Arial,Helvetica,sans-serif;color:var(--ink);background:var(--paper)}
header.top{padding:20px 24px 12px;border-bottom:1px solid var(--rule);background:var(--soft)}
header.top h1{margin:0 0 4px;font-size:24px;line-height:1.25;overflow-wrap:anywhere}
header.top p{margin:0;color:var(--muted)}
nav.toc{display:flex;flex-wrap:wrap;gap:4px 14px;padding:8px 24px;border-bottom:1px solid var(--rule);font-size:14px}
main{padding:0 24px 40px;max-width:1400px}
section{margin-top:28px}
h2{font-size:19px;margin:0 0 6px;border-bottom:2px solid var(--ink);padding-bottom:2px}
h3{font-size:16px;margin:16px 0 6px}
p.lede{margin:0 0 10px;color:var(--muted);max-width:70em}
a{color:var(--accent)}
.glance{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:14px 0 0;padding:0}
.glance div{border:1px solid var(--rule);border-radius:6px;padding:8px 12px;background:var(--paper)}
.glance dt{font-size:13px;color:var(--muted)}
.glance dd{margin:0;font-size:22px;font-weight:bold;overflow-wrap:anywhere}
.glance dd.small{font-size:15px}
p.lead{margin:12px 0 0;padding:8px 12px;border-left:4px solid var(--accent);background:var(--paper);max-width:70em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:10px}
.card{border:1px solid var(--rule);border-radius:6px;padding:10px 12px}
.card .outlet{font-size:13px;color:var(--muted);overflow-wrap:anywhere}
.card .headline{font-size:17px;font-weight:bold;margin:4px 0;overflow-wrap:anywhere}
.card .meta{font-size:13px}
mark{background:none;padding:0 1px;border-radius:2px}
mark.loaded{background:#fbe3c4;box-shadow:inset 0 -2px 0 ${OKABE_ITO.orange}}
mark.diff{background:#d6ebf7;box-shadow:inset 0 -2px 0 ${OKABE_ITO.blue}}
mark.value{background:#f7d9c8;box-shadow:inset 0 -2px 0 ${OKABE_ITO.vermillion};font-weight:bold}
del.diff{color:var(--muted);text-decoration:line-through}
.scroll{overflow-x:auto;max-width:100%;border:1px solid var(--rule);border-radius:4px}
table{border-collapse:collapse;font-size:13px}
table.data{width:100%}
table.data th,table.data td{border-bottom:1px solid var(--rule);padding:4px 8px;text-align:left;vertical-align:top}
table.data td.num,table.data th.num{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer}
table.sortable th[aria-sort=ascending]::after{content:" \\25B2"}
table.sortable th[aria-sort=descending]::after{content:" \\25BC"}
table.matrix th,table.matrix td{border:1px solid #fff;padding:0;text-align:center;font-size:12px}
table.matrix thead th{height:150px;vertical-align:bottom;padding:2px}
table.matrix thead th span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;max-height:146px;overflow:hidden;text-overflow:ellipsis;display:inline-block}
table.matrix th.row{text-align:left;font-weight:normal;padding:2px 8px 2px 4px;position:sticky;left:0;background:var(--paper);min-width:240px;max-width:360px;border-right:1px solid var(--rule)}
table.matrix th.row .sid{font-weight:bold;margin-right:4px}
table.matrix th.row .txt{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:340px}
table.matrix td.n{padding:0 4px;color:var(--muted);font-variant-numeric:tabular-nums}
table.matrix tbody td{width:26px;min-width:26px;height:26px;font-weight:bold}
table.matrix tbody td:not([class]){background:#ececef}
table.matrix tbody td.n{width:auto}
.r-agree{background:${OKABE_ITO.blue};color:#fff}
.r-partial{background:${OKABE_ITO.sky};color:#000}
.r-number{background:${OKABE_ITO.vermillion};color:#fff}
.r-quote{background:${OKABE_ITO.orange};color:#000}
.r-negation{background:${OKABE_ITO.purple};color:#000}
.r-source{background:${OKABE_ITO.yellow};color:#000}
.r-update{background:${OKABE_ITO.green};color:#fff}
.r-absent{background:#ececef;color:#9a9aa0}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;margin:6px 0 8px;padding:0;list-style:none;font-size:13px}
.legend li{display:flex;align-items:center;gap:5px}
.legend .sw{display:inline-block;width:18px;height:18px;line-height:18px;text-align:center;border-radius:3px;font-weight:bold;font-size:12px}
.pair{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
.pair>div{flex:1 1 420px;min-width:0}
details{margin:4px 0}
details>summary{cursor:pointer}
details.entry{border:1px solid var(--rule);border-radius:6px;padding:6px 10px;margin:6px 0}
details.entry[open]{background:var(--soft)}
details.entry summary{list-style-position:outside;margin-left:16px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;background:#e6e6ea;margin-right:4px;white-space:nowrap}
.badge.strong{background:${OKABE_ITO.blue};color:#fff}
.badge.warn{background:${OKABE_ITO.vermillion};color:#fff}
.versus{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin:8px 0}
.versus>div{border-left:4px solid ${OKABE_ITO.vermillion};padding:4px 8px;background:var(--paper);min-width:0;overflow-wrap:anywhere}
.member{padding:4px 0;border-top:1px solid var(--rule);overflow-wrap:anywhere}
.member .who{font-size:13px;color:var(--muted)}
.tools{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
.tools[hidden]{display:none}
.tools input{font:inherit;padding:3px 6px;min-width:220px}
.tools button{font:inherit;padding:3px 10px}
.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
figure{margin:0}
figure figcaption{font-size:13px;font-weight:bold;margin-bottom:4px}
figure svg{max-width:100%;height:auto}
.terms{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px}
.terms div{border:1px solid var(--rule);border-radius:6px;padding:6px 10px;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.digest li{margin:4px 0}
@media (max-width:600px){header.top,main,nav.toc{padding-left:12px;padding-right:12px}.versus{grid-template-columns:1fr}table.matrix th.row{min-width:150px;max-width:180px}table.matrix th.row .txt{max-width:170px}.tools input{min-width:0;width:100%}}
@media print{nav.toc,.tools{display:none}details{display:block}}
`

// Sorting by a table's header, filtering and expanding the ledger. Reads the page's own cells only; every content is
// in the page without it.
const SCRIPT = `(function(){
function key(cell){var v=cell.getAttribute('data-sort');if(v===null)v=cell.textContent.trim();var n=Number(v);return v!==''&&!isNaN(n)?n:v.toLowerCase()}
document.querySelectorAll('table.sortable').forEach(function(table){
table.querySelectorAll('thead th').forEach(function(th,col){th.setAttribute('tabindex','0');
function sort(){var body=table.tBodies[0];var asc=th.getAttribute('aria-sort')!=='ascending';
table.querySelectorAll('thead th').forEach(function(o){o.removeAttribute('aria-sort')});th.setAttribute('aria-sort',asc?'ascending':'descending');
var rows=Array.prototype.slice.call(body.rows).map(function(r,i){return [key(r.cells[col]),i,r]});
rows.sort(function(a,b){var x=a[0],y=b[0];if(typeof x!==typeof y){x=String(x);y=String(y)}return (x<y?-1:x>y?1:a[1]-b[1])*(asc?1:-1)});
rows.forEach(function(r){body.appendChild(r[2])})}
th.addEventListener('click',sort);th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort()}})})});
var filter=document.getElementById('ledger-filter');
if(filter){filter.addEventListener('input',function(){var q=filter.value.trim().toLowerCase();
document.querySelectorAll('#ledger details.entry').forEach(function(d){d.hidden=q!==''&&d.textContent.toLowerCase().indexOf(q)<0})})}
document.querySelectorAll('button[data-expand]').forEach(function(b){b.addEventListener('click',function(){var open=b.getAttribute('data-expand')==='open';
document.querySelectorAll(b.getAttribute('data-target')+' details').forEach(function(d){d.open=open})})});
document.querySelectorAll('.tools').forEach(function(t){t.hidden=false});
})()`

const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64')

/** The content security policy of every page: no request anywhere, no script but the page's own. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`

/** What a page is made of: its title (input text, escaped here), the line under it, a table of contents and its body (HTML). */
export interface PageParts {
  readonly title: string
  /** The line under the title, as HTML (its input texts escaped by the caller). */
  readonly subtitle: string
  /** Sections to link to at the top: anchor id and label. */
  readonly toc: readonly { readonly id: string; readonly label: string }[]
  readonly body: string
}

/** A whole HTML page: doctype, policy, the shared stylesheet, the body and the script, ending with a line break. */
export function page(parts: PageParts): string {
  const toc = parts.toc.map((t) => `<a href="#${attr(t.id)}">${text(t.label)}</a>`).join('')
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${text(parts.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><h1>${text(parts.title)}</h1><p>${parts.subtitle}</p></header>
<nav class="toc" aria-label="Sections">${toc}</nav>
<main>
${parts.body}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`
}

/** A section with its anchor, heading and a line saying how to read it. */
export function section(id: string, heading: string, lede: string, body: string): string {
  return `<section id="${attr(id)}" aria-labelledby="${attr(id)}-h"><h2 id="${attr(id)}-h">${text(heading)}</h2>${lede ? `<p class="lede">${lede}</p>` : ''}\n${body}\n</section>`
}

/** Tools shown only when the script runs (hidden in the markup, so a page without JavaScript shows no dead buttons). */
export function tools(html: string): string {
  return `<div class="tools" hidden>${html}</div>`
}

/** A table of data: header cells (numeric ones right-aligned) and rows of cells already made HTML. */
export function dataTable(head: readonly { readonly label: string; readonly num?: boolean }[], rows: readonly (readonly string[])[], options: { readonly sortable?: boolean; readonly caption?: string } = {}): string {
  const cls = `data${options.sortable ? ' sortable' : ''}`
  const th = head.map((h) => `<th scope="col"${h.num ? ' class="num"' : ''}>${text(h.label)}</th>`).join('')
  const body = rows.map((r) => `<tr>${r.map((c, i) => (head[i]?.num ? `<td class="num">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`).join('\n')
  return `<div class="scroll"><table class="${cls}">${options.caption ? `<caption class="muted">${text(options.caption)}</caption>` : ''}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`
}

/** A number as the page prints it: up to `digits` decimals, trailing zeros dropped. */
export function num(value: number, digits = 2): string {
  return text(String(Number(value.toFixed(digits))))
}
