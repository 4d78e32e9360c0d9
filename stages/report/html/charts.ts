// charts: the reports' figures, drawn by Observable Plot into a linkedom document at report time and written as
// static SVG, so the page needs no script to show them. Each figure is a <figure> with a caption, an `aria-label`
// saying what it shows, a legend or axis label naming its scale, and colours from the Okabe–Ito palette (or
// cividis, the sequential scale made for colour-blind readers).
import { parseHTML } from 'linkedom'
import { attr, text } from './escape.js'
import { OKABE_ITO } from './page.js'

type PlotModule = typeof import('@observablehq/plot')

/**
 * Observable Plot, loaded once, on the first chart (a run that draws none, `--no-html` or a queue command, never pays
 * its load time), with a stand-in `window` of pixel ratio 1. Plot fixes, when it loads, whether it shifts
 * lines by half a pixel: by `window.devicePixelRatio` in a browser, else by whether a global `it` exists (a test
 * runner's), so the same chart drew `translate(0,10)` under jest and `translate(0,10.5)` on a worker thread. With the
 * stand-in it always shifts, as on a standard screen, and the page's bytes do not depend on where it is made.
 */
let loaded: PlotModule | undefined
function plotModule(): PlotModule {
  if (loaded) return loaded
  const global = globalThis as { window?: unknown }
  if (global.window !== undefined) return (loaded = require('@observablehq/plot') as PlotModule)
  global.window = { devicePixelRatio: 1 }
  try {
    return (loaded = require('@observablehq/plot') as PlotModule)
  } finally {
    delete global.window
  }
}

/** A fresh document for Plot to draw into (Plot keeps nothing in it between charts). */
function documentForPlot(): Document {
  return parseHTML('<!DOCTYPE html><html><head></head><body></body></html>').document as unknown as Document
}

/** Plot's output as markup: linkedom escapes every text and attribute it serialises. */
function markup(chart: Element): string {
  return chart.outerHTML
}

/** A captioned figure around a chart, its `aria-label` the chart's text alternative. */
function figure(caption: string, label: string, chart: string): string {
  return `<figure role="group" aria-label="${attr(label)}"><figcaption>${text(caption)}</figcaption>${chart}</figure>`
}

/** One bar of a measure: an outlet and its value. */
export interface Bar {
  readonly outlet: string
  readonly value: number
}

/**
 * A horizontal bar chart of one measure across outlets (one of the framing small multiples): outlets on the y axis
 * in the order given, the measure on the x axis named by `unit`.
 */
export function barChart(caption: string, unit: string, bars: readonly Bar[], options: { readonly domain?: readonly [number, number] } = {}): string {
  const height = 34 + bars.length * 20
  const Plot = plotModule()
  const chart = Plot.plot({
    document: documentForPlot(),
    width: 320,
    height,
    marginLeft: 120,
    marginRight: 36,
    style: { fontSize: '11px', fontFamily: 'Liberation Sans, Arial, sans-serif' },
    x: { label: unit, domain: options.domain ? [...options.domain] : undefined, grid: true, nice: true },
    y: { label: null, domain: bars.map((b) => b.outlet), tickFormat: (d: string) => (d.length > 18 ? `${d.slice(0, 17)}…` : d) },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'outlet', fill: OKABE_ITO.blue }),
      // Each value written past the end of its bar: right of a positive one, left of a negative one.
      Plot.text(bars.filter((b) => b.value >= 0), { x: 'value', y: 'outlet', text: (d: Bar) => String(Number(d.value.toFixed(2))), dx: 4, textAnchor: 'start', fill: OKABE_ITO.black }),
      Plot.text(bars.filter((b) => b.value < 0), { x: 'value', y: 'outlet', text: (d: Bar) => String(Number(d.value.toFixed(2))), dx: -4, textAnchor: 'end', fill: OKABE_ITO.black }),
      Plot.ruleX([0]),
    ],
  })
  const label = `${caption} (${unit}), by outlet: ${bars.map((b) => `${b.outlet} ${Number(b.value.toFixed(2))}`).join('; ')}`
  return figure(caption, label, markup(chart))
}

/** One cell of a heat strip or matrix: a row, a column and a value in [0, 1]. */
export interface HeatCell {
  readonly row: string
  readonly column: string
  readonly value: number
}

/**
 * A heat map of shares in [0, 1]: rows and columns in the order given, each cell coloured on cividis with its value
 * written in it, and the colour legend above.
 */
export function heatMap(caption: string, legend: string, cells: readonly HeatCell[], rows: readonly string[], columns: readonly string[]): string {
  const short = (d: string) => (d.length > 18 ? `${d.slice(0, 17)}…` : d)
  const Plot = plotModule()
  const chart = Plot.plot({
    document: documentForPlot(),
    width: Math.max(320, 150 + columns.length * 34),
    height: 130 + rows.length * 24,
    // Room for the rotated column labels, which reach left of the first column.
    marginLeft: 150,
    marginBottom: 110,
    style: { fontSize: '11px', fontFamily: 'Liberation Sans, Arial, sans-serif' },
    x: { label: null, domain: [...columns], tickRotate: -45, tickFormat: short },
    y: { label: null, domain: [...rows], tickFormat: short },
    // Five steps rather than a continuous ramp: Plot draws a continuous legend on a canvas, which linkedom has not.
    color: { type: 'quantize', n: 5, scheme: 'cividis', domain: [0, 1], legend: true, label: legend, tickFormat: (d: number) => String(Math.round(d * 100)) },
    marks: [
      Plot.cell(cells, { x: 'column', y: 'row', fill: 'value', inset: 0.5 }),
      // Dark text on the light (yellow) end of cividis, light text on the dark (blue) end.
      Plot.text(cells.filter((d) => d.value > 0.6), { x: 'column', y: 'row', text: (d: HeatCell) => String(Math.round(d.value * 100)), fill: 'black', fontSize: 10 }),
      Plot.text(cells.filter((d) => d.value <= 0.6), { x: 'column', y: 'row', text: (d: HeatCell) => String(Math.round(d.value * 100)), fill: 'white', fontSize: 10 }),
    ],
  })
  const label = `${caption}: ${legend} (0 to 100) for each ${rows.length === 1 ? 'column' : 'row and column'}; the table below gives the same values`
  return figure(caption, label, markup(chart))
}
