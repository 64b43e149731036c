// Gate verdicts for CI: a Markdown summary (e.g. $GITHUB_STEP_SUMMARY) and JUnit XML, one test case per rule.
import type { GateResult } from './gate.ts';

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function gateMarkdown(g: GateResult): string {
  const status = g.exitCode === 0 ? '✅ passed' : g.exitCode === 1 ? '❌ failed' : '⚠️ could not decide';
  const lines = [`## r1bench gate: ${status}`, '', `- baseline: \`${g.baseline}\``, `- candidate: \`${g.candidate}\``];
  if (g.error) lines.push('', `**Error:** ${mdCell(g.error)}`);
  if (g.forced?.length) lines.push('', `**Compared with --force despite:** ${mdCell(g.forced.join('; '))}`);
  if (g.rules.length) {
    const failed = g.rules.filter((r) => !r.passed).length;
    lines.push('', `${g.rules.length - failed} of ${g.rules.length} rules passed.`, '', '| | rule | detail |', '|---|---|---|');
    for (const r of g.rules) lines.push(`| ${r.passed ? '✅' : '❌'} | ${mdCell(r.name)} | ${mdCell(r.detail)} |`);
  }
  return lines.join('\n') + '\n';
}

const xml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function gateJunit(g: GateResult): string {
  const cases = g.rules.map((r) => {
    const cls = `r1bench.gate.${r.kind}${r.suite ? `.${r.suite}` : ''}`;
    const body = r.passed ? '' : `<failure message="${xml(r.detail)}" type="${r.kind}">${xml(`${r.name}: ${r.detail}`)}</failure>`;
    return `    <testcase classname="${xml(cls)}" name="${xml(r.name)}">${body}<system-out>${xml(r.detail)}</system-out></testcase>`;
  });
  if (g.error) cases.push(`    <testcase classname="r1bench.gate" name="runs comparable and inputs valid"><error message="${xml(g.error)}" type="input"/></testcase>`);
  const failures = g.rules.filter((r) => !r.passed).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="r1bench gate" tests="${cases.length}" failures="${failures}" errors="${g.error ? 1 : 0}">`,
    `  <testsuite name="r1bench gate" tests="${cases.length}" failures="${failures}" errors="${g.error ? 1 : 0}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
