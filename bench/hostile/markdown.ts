/** The hostile-bundles section of latest.md. */
import { markdownTable } from '../report';
import type { HostileSection, Refusal } from './types';

const mib = (r: Refusal | null): string => (r?.peakMiB == null ? 'n/a' : String(Math.round(r.peakMiB)));
const secs = (r: Refusal | null, digits = 2): string => (r === null ? 'n/a' : r.seconds.toFixed(digits));
const code = (r: Refusal | null, expected: string): string => (r === null ? 'n/a' : r.errorCode === expected ? r.errorCode : `**${r.errorCode ?? 'opened'}** (expected ${expected})`);

export function renderHostileMarkdown(section: HostileSection): string {
  const out = [
    '## Hostile bundles',
    '',
    'Each hostile `.sift.zip` of issue 12, built by `tests/helpers/hostileBundles.ts`, opened three ways: `sift predict FILE hello --json` (whole process: start to exit, peak RSS), `importBundle` alone in a process of its own (the call\'s time, the process\'s peak RSS), and "Open model" in headless Chromium (the change event of the file input → message shown, timed in the page; peak RSS of the renderer processes, sampled every 20 ms). The first row is the valid bundle they are made from: what opening costs anyway.',
    '',
  ];
  const header = ['bundle', 'file MB', 'code (CLI)', 'CLI s', 'CLI peak MiB', 'importBundle s', 'its peak MiB', 'page code', 'page s', 'tab peak MiB'];
  const v = section.valid;
  const rows = [
    ['valid bundle (TREC, 3,000 tokens)', (v.fileBytes / 1e6).toFixed(1), v.cli.errorCode ?? 'opened', secs(v.cli), mib(v.cli), secs(v.inProcess, 3), mib(v.inProcess), v.page ? (v.page.errorCode ?? 'opened') : 'n/a', secs(v.page), mib(v.page)],
    ...section.cases.map((c) => [
      c.what,
      (c.fileBytes / 1e6).toFixed(1),
      code(c.cli, c.expected),
      secs(c.cli),
      mib(c.cli),
      // The importer's code only when it is not the one expected (it is the CLI's, normally).
      c.inProcess.errorCode === c.expected ? secs(c.inProcess, 3) : `${secs(c.inProcess, 3)} ${code(c.inProcess, c.expected)}`,
      mib(c.inProcess),
      code(c.page, c.expected),
      secs(c.page),
      mib(c.page),
    ]),
  ];
  out.push(markdownTable(header, rows));
  if (section.pageError) out.push('', `Page: not measured (${section.pageError}).`);
  return `${out.join('\n')}\n`;
}
