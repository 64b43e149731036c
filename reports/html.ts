// The tiny HTML toolkit every page shares: escaping, a self-contained page shell, tables.
// Model output reaches these pages, so every text goes through `esc` and every JSON for a script
// goes through `scriptJson`: nothing a model writes can run as script or break the markup.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** JSON safe inside <script>: `<` can never close the element, U+2028/9 never break the line. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Raw, already-safe markup (e.g. produced by this module or by Plot). */
export interface Html {
  html: string;
  /** Sort key for sortable tables when the shown text does not sort well. */
  sort?: string | number;
}
export const raw = (html: string, sort?: string | number): Html => (sort === undefined ? { html } : { html, sort });
const isHtml = (v: unknown): v is Html => v !== null && typeof v === 'object' && 'html' in v;
const cell = (v: unknown): string => (isHtml(v) ? v.html : esc(v));
const td = (v: unknown, attrs = ''): string => (isHtml(v) && v.sort !== undefined ? `<td data-sort="${esc(v.sort)}"${attrs}>${v.html}</td>` : `<td${attrs}>${cell(v)}</td>`);

export interface TableOptions {
  id?: string;
  className?: string;
  /** Makes the header cells clickable to sort (the page shell carries the script). */
  sortable?: boolean;
  /** data-* attributes per row, e.g. { suite: 'aime' } for filtering. */
  rowData?: (rowIndex: number) => Record<string, string>;
  /** data-* attributes per column, on its header and every cell (e.g. to hide a column). */
  colData?: (colIndex: number) => Record<string, string> | undefined;
}

const dataAttrs = (d: Record<string, string> | undefined): string => (d ? Object.entries(d).map(([k, v]) => ` data-${k}="${esc(v)}"`).join('') : '');

export function table(headers: unknown[], rows: unknown[][], opts: TableOptions = {}): string {
  const cls = [opts.className, opts.sortable ? 'sortable' : ''].filter(Boolean).join(' ');
  const col = headers.map((_, i) => dataAttrs(opts.colData?.(i)));
  const head = headers.map((h, i) => `<th${col[i]}>${cell(h)}</th>`).join('');
  const body = rows
    .map((r, i) => {
      return `<tr${dataAttrs(opts.rowData?.(i))}>${r.map((c, j) => td(c, col[j])).join('')}</tr>`;
    })
    .join('\n');
  return `<table${opts.id ? ` id="${esc(opts.id)}"` : ''}${cls ? ` class="${cls}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export const section = (title: string, body: string, id?: string): string =>
  `<section${id ? ` id="${esc(id)}"` : ''}><h2>${esc(title)}</h2>\n${body}\n</section>`;

export const pct = (x: number | undefined | null, digits = 1): string =>
  x === undefined || x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`;
/** A 95% interval as "[lo, hi]" with `fmt`, or "n/a" where there is none (one item, or a rating with no finite value). */
export const ciText = (ci: readonly [number, number] | null | undefined, fmt: (x: number) => string = (x) => pct(x)): string =>
  ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? `[${fmt(ci[0])}, ${fmt(ci[1])}]` : 'n/a';
export const num = (x: number | undefined | null, digits = 1): string =>
  x === undefined || x === null || !Number.isFinite(x) ? '–' : x.toFixed(digits);

// Sections are laid out only as they near the viewport (content-visibility: auto; their size remembered once
// seen): the 14,042-item MMLU table made the page wait 3–4.5 s in Chromium for the layout of rows nobody had
// scrolled to yet, 0.5–0.7 s with it. Find in page, anchors and printing still reach every section.
const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dce3;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 6px}.muted{color:#667085}.small{font-size:12px}
section{background:#fff;border:1px solid #e3e6eb;border-radius:6px;padding:4px 16px 14px;margin:16px 0;content-visibility:auto;contain-intrinsic-size:auto 600px}
table{border-collapse:collapse;margin:6px 0;font-size:13px}th,td{border-bottom:1px solid #e6e8ec;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f5;position:sticky;top:0}table.sortable th{cursor:pointer;user-select:none}
table.sortable th[data-dir=asc]::after{content:" ▲"}table.sortable th[data-dir=desc]::after{content:" ▼"}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.better{color:#067647;font-weight:600}.worse{color:#b42318;font-weight:600}.same{color:#667085}
.pass{color:#067647;font-weight:600}.fail{color:#b42318;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:18px}.chart{flex:1 1 520px;min-width:0}.chart figure{margin:0}
.chart svg{max-width:100%;height:auto}.chart h3{margin-top:8px}
span.show{cursor:pointer;color:#1f5fbf;white-space:nowrap}span.show::before{content:"▸ "}span.show[aria-expanded=true]::before{content:"▾ "}
details.sample{border:1px solid #e3e6eb;border-radius:4px;margin:4px 0;padding:2px 8px;background:#fcfcfd}
details.sample summary{cursor:pointer}pre.text{white-space:pre-wrap;word-break:break-word;max-height:420px;overflow:auto;background:#f6f7f9;padding:6px;margin:4px 0;font-size:12px}
input[type=search],select{padding:4px 8px;font-size:14px;margin:4px 8px 4px 0}
.ok{color:#067647}.bad{color:#b42318}
`;

/** Sorting for any `table.sortable` and hiding of rows by a search box: small, no dependencies. */
const SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (t) {
  t.querySelectorAll('thead th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var dir = th.getAttribute('data-dir') === 'asc' ? 'desc' : 'asc';
      t.querySelectorAll('thead th').forEach(function (o) { o.removeAttribute('data-dir'); });
      th.setAttribute('data-dir', dir);
      var body = t.tBodies[0];
      // Keys computed once per row, not per comparison: 14,042 rows sort in well under a second.
      var keyed = Array.prototype.map.call(body.rows, function (r, i) { var c = r.cells[col]; var v = c ? (c.getAttribute('data-sort') || c.textContent) : '';
        var n = parseFloat(String(v).replace(/[%,]/g, '')); return { r: r, i: i, k: isNaN(n) ? String(v).toLowerCase() : n }; });
      keyed.sort(function (a, b) { var x = a.k, y = b.k;
        var d = typeof x === 'number' && typeof y === 'number' ? x - y : typeof x === 'number' ? -1 : typeof y === 'number' ? 1 : x < y ? -1 : x > y ? 1 : 0;
        return (dir === 'asc' ? d : -d) || a.i - b.i; });
      var rows = keyed.map(function (e) { return e.r; });
      var frag = document.createDocumentFragment();
      rows.forEach(function (r) { frag.appendChild(r); });
      body.appendChild(frag);
    });
  });
});
`;

export function page(title: string, body: string, extraScript = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><main>
${body}
</main>
<script>${SCRIPT}${extraScript}</script>
</body></html>
`;
}
