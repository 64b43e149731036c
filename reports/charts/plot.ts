// Server-side Plot: charts become SVG markup at generation time, so a report needs no script to show them.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { esc } from '../html.ts';

export { Plot };

let doc: Document | null = null;
function serverDocument(): Document {
  doc ??= parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
  return doc;
}

/** Renders a Plot spec to markup wrapped in a titled chart box; `note` explains what to read. */
export function chart(title: string, options: Plot.PlotOptions, note?: string): string {
  const el = Plot.plot({ ...options, document: serverDocument() }) as unknown as Element;
  // Standalone-valid SVG too (the figure case holds legend SVGs as well).
  const svgs = el.tagName.toLowerCase() === 'svg' ? [el] : Array.from(el.querySelectorAll('svg'));
  for (const s of svgs) s.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return `<div class="chart" data-chart="${esc(title)}"><h3>${esc(title)}</h3>${el.outerHTML}${note ? `<p class="muted small">${esc(note)}</p>` : ''}</div>`;
}

/** A box saying why a chart is absent, so a reader is never left wondering. */
export const noChart = (title: string, why: string): string =>
  `<div class="chart empty"><h3>${esc(title)}</h3><p class="muted">${esc(why)}</p></div>`;

export const charts = (parts: string[]): string => `<div class="charts">${parts.join('\n')}</div>`;
