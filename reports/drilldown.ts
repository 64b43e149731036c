// Per-item results with a drill-down to every sample's reasoning and answer. Long texts are capped
// in the page (start and end kept) so a full MMLU run stays small; the full texts go to a companion
// JSONL file beside the report. Model text only ever reaches the page through `esc`.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { RunStore } from '../runners/store.ts';
import type { Completion, Score } from '../types.ts';
import { esc, pct, raw, scriptJson, section, table } from './html.ts';
import { scoreIndex } from './items.ts';

/** Total characters of model text the page may carry, shared out over all samples. */
export const PAGE_TEXT_BUDGET_CHARS = 7_000_000;
const MIN_CAP_CHARS = 240;
const MAX_CAP_CHARS = 6_000;

export function capText(text: string, capChars: number): { text: string; cut: number } {
  if (text.length <= capChars) return { text, cut: 0 };
  const half = Math.floor(capChars / 2);
  const cut = text.length - 2 * half;
  return { text: `${text.slice(0, half)}\n… [${cut.toLocaleString('en-US')} characters omitted] …\n${text.slice(text.length - half)}`, cut };
}

export const capPerSample = (samples: number): number =>
  Math.max(MIN_CAP_CHARS, Math.min(MAX_CAP_CHARS, Math.floor(PAGE_TEXT_BUDGET_CHARS / Math.max(1, samples))));

function verdictOf(c: Completion, s: Score | undefined): string {
  if (c.error) return 'error';
  return s?.verdict ?? (s?.correct === true ? 'correct' : s?.correct === false ? 'wrong' : 'unscored');
}

/** One sample as the page's script reads it: [sample, verdict, extracted, tokens, finish, reasoning, answer, shortened, error, options as shown]. */
type SampleRow = [number, string, string | null, number | null, string | null, string, string, 0 | 1, string | null, string | null];

/** "A) …\nB) …": the options in the order this sample was shown them (GPQA shuffles them per sample). */
function shownOptions(c: Completion): string | null {
  const shown = c.variant?.shown;
  return shown?.length ? shown.map((o, i) => `${'ABCDEFGHIJ'[i] ?? i + 1}) ${o}`).join('\n') : null;
}

function sampleRow(c: Completion, s: Score | undefined, capChars: number): SampleRow {
  const r = capText(c.reasoning ?? '', Math.floor((capChars * 2) / 3));
  const a = capText(c.answer ?? '', Math.ceil(capChars / 3));
  return [c.sample, verdictOf(c, s), s?.extracted ?? null, c.usage?.completionTokens ?? null, c.finishReason, r.text, a.text, r.cut || a.cut ? 1 : 0, c.error ? `${c.error.kind}: ${c.error.message}` : null, shownOptions(c)];
}

export interface DrilldownOptions {
  /** Open file descriptor of the companion JSONL, or null to skip it. */
  samplesFd: number | null;
  samplesFileName: string | null;
  /** Characters of text kept per sample (see capPerSample). */
  capChars: number;
}

/**
 * Per-item table of one suite. The samples' texts travel as JSON (every `<` escaped) and become DOM
 * text only when a reader opens an item: 14,042 items would otherwise mean ~300k nodes at load.
 * Writes the suite's full texts to the companion file as it goes.
 */
export function suiteDrilldown(store: RunStore, suiteId: string, opts: DrilldownOptions): string {
  const scores = scoreIndex(store, suiteId);
  const rows: unknown[][] = [];
  const data: SampleRow[][] = [];
  let item: string | null = null;
  let samples: SampleRow[] = [];
  let correct = 0;
  const verdicts = new Map<string, number>();
  let buffered: string[] = [];
  const flushItem = () => {
    if (item === null) return;
    const n = samples.length;
    const summary = [...verdicts].map(([v, c]) => `${v} ${c}`).join(', ');
    const i = data.length;
    data.push(samples);
    rows.push([item, pct(n ? correct / n : 0, 0), `${correct}/${n}`, summary, raw(`<span class="show" role="button" tabindex="0" aria-expanded="false" data-i="${i}">${n} sample${n === 1 ? '' : 's'}</span>`)]);
    samples = [];
    correct = 0;
    verdicts.clear();
  };
  const flushFile = () => {
    if (opts.samplesFd !== null && buffered.length) writeSync(opts.samplesFd, buffered.join(''));
    buffered = [];
  };
  for (const c of store.completions(suiteId)) {
    if (c.itemId !== item) {
      flushItem();
      item = c.itemId;
    }
    const s = scores.get(`${c.itemId}\u0000${c.sample}`);
    const v = verdictOf(c, s);
    if (s?.correct === true) correct++;
    verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
    samples.push(sampleRow(c, s, opts.capChars));
    if (opts.samplesFd !== null) {
      buffered.push(
        JSON.stringify({ suite: suiteId, item: c.itemId, sample: c.sample, verdict: v, correct: s?.correct ?? null, extracted: s?.extracted ?? null, finishReason: c.finishReason, reasoning: c.reasoning, answer: c.answer, usage: c.usage ?? null, error: c.error ?? null, ...(c.variant ? { variant: c.variant } : {}) }) + '\n',
      );
      if (buffered.length >= 500) flushFile();
    }
  }
  flushItem();
  flushFile();
  const id = `items-${suiteId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const search = `<input type="search" class="item-search" data-table="${esc(id)}" placeholder="Search items, verdicts and texts…" aria-label="search ${esc(suiteId)}"> <span class="muted small search-count"></span>`;
  const link = opts.samplesFileName ? ` Full texts: <a href="${esc(encodeURIComponent(opts.samplesFileName))}">${esc(opts.samplesFileName)}</a>.` : '';
  const note = `<p class="muted small">${rows.length} items. Open an item to see each sample's reasoning and answer; texts longer than ${opts.capChars.toLocaleString('en-US')} characters show their start and end.${link}</p>`;
  const json = `<script type="application/json" id="data-${esc(id)}">${scriptJson(data)}</script>`;
  return section(`Items: ${suiteId}`, note + search + table(['item', 'pass@1', 'correct', 'verdicts', 'samples'], rows, { id, sortable: true, className: 'items' }) + json, id + '-section');
}

/** Builds an item's samples when it is opened (text only through textContent, never markup) and filters rows by a search box. */
export const DRILLDOWN_SCRIPT = `
(function () {
  var cache = {}, hay = {};
  function data(id) { if (!cache[id]) { var el = document.getElementById('data-' + id); cache[id] = el ? JSON.parse(el.textContent) : []; } return cache[id]; }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function build(btn) {
    var box = el('div', 'samples'), rows = data(btn.closest('table').id)[+btn.getAttribute('data-i')] || [];
    rows.forEach(function (s) {
      var det = el('details', 'sample'), sum = el('summary');
      sum.appendChild(el('span', null, 'sample ' + s[0] + ' · '));
      sum.appendChild(el('span', s[1] === 'correct' || s[1] === 'AC' ? 'ok' : 'bad', s[1]));
      sum.appendChild(el('span', null, (s[2] !== null ? ' · extracted ' + s[2] : '') + (s[3] !== null ? ' · ' + s[3] + ' tokens' : '') + ' · finish ' + (s[4] || '–')));
      det.appendChild(sum);
      if (s[8]) det.appendChild(el('p', 'bad', s[8]));
      if (s[9]) { det.appendChild(el('div', 'small muted', 'options as shown')); det.appendChild(el('pre', 'text', s[9])); }
      det.appendChild(el('div', 'small muted', 'reasoning')); det.appendChild(el('pre', 'text', s[5]));
      det.appendChild(el('div', 'small muted', 'answer')); det.appendChild(el('pre', 'text', s[6]));
      if (s[7]) det.appendChild(el('p', 'muted small', 'Shortened here; the full text is in the samples file.'));
      box.appendChild(det);
    });
    btn.parentNode.appendChild(box);
    return box;
  }
  // One opener per row, not a <details>: 14,042 of those cost seconds at load; samples are built on first open.
  function toggle(btn) {
    var box = btn.parentNode.querySelector('div.samples'), open = btn.getAttribute('aria-expanded') !== 'true';
    if (!box) box = build(btn);
    box.style.display = open ? '' : 'none';
    btn.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  document.addEventListener('click', function (ev) { var b = ev.target.closest && ev.target.closest('span.show'); if (b) toggle(b); });
  document.addEventListener('keydown', function (ev) { var b = ev.target.closest && ev.target.closest('span.show');
    if (b && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); toggle(b); } });
  document.querySelectorAll('input.item-search').forEach(function (box) {
    var id = box.getAttribute('data-table'), t = document.getElementById(id); if (!t) return;
    var count = box.nextElementSibling, timer = 0;
    box.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () {
      var q = box.value.toLowerCase(), shown = 0, rows = t.tBodies[0].rows, d = data(id);
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i], k = r.querySelector('span.show').getAttribute('data-i');
        if (q && hay[id + k] === undefined) hay[id + k] = (r.cells[0].textContent + ' ' + r.cells[3].textContent + ' ' + (d[+k] || []).map(function (s) { return [s[1], s[2], s[5], s[6]].join(' '); }).join(' ')).toLowerCase();
        var hit = !q || hay[id + k].indexOf(q) >= 0;
        r.style.display = hit ? '' : 'none'; if (hit) shown++;
      }
      if (count) count.textContent = q ? shown + ' of ' + rows.length + ' items' : '';
    }, 150); });
  });
})();
`;

export function openSamplesFile(path: string): number {
  return openSync(path, 'w');
}
export const closeSamplesFile = (fd: number): void => closeSync(fd);
