import { loadDataset } from '@/core/dataset/load';
import { describePii } from '@/core/dataset/pii';
import type { LoadedDataset } from '@/core/dataset/types';
import type { ParsedCommandLine } from '../args';
import { Output, readBytes } from '../io';
import { requirePositionals } from './common';

export async function runInspect(cli: ParsedCommandLine, out: Output): Promise<void> {
  const [path] = requirePositionals(cli, 1, 'inspect DATA.csv');
  const dataset = loadDataset(await readBytes(path), cli.read);
  printDataset(out, path, dataset);
  out.result(inspectJson(dataset));
}

const DELIMITER_WORDS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export function printDataset(out: Output, path: string, d: LoadedDataset, options: { maskPii: boolean } = { maskPii: true }): void {
  const r = d.report;
  out.line(`${path}`);
  out.line(`  encoding   ${d.encoding.name} (${d.encoding.source}${d.encoding.source === 'detected' ? `, confidence ${Math.round(d.encoding.confidence * 100)}%` : ''})`);
  out.line(`  delimiter  ${DELIMITER_WORDS[d.delimiter]}, ${d.hasHeader ? 'with' : 'without'} header`);
  out.line(`  columns    ${d.columns.map((c) => JSON.stringify(c)).join(', ')}`);
  out.line(`  text       "${d.columns[d.textColumn]}", label "${d.columns[d.labelColumn]}" (${d.columnReason})`);
  out.line(`  rows       ${r.totalRows} (${r.usableExamples} usable, ${r.skippedRows} skipped)`);
  out.line(`  lengths    ${r.lengths.p50} tokens median, ${r.lengths.p95} at p95, ${r.lengths.max} max`);
  out.line(`  classes    ${r.classes.length}`);
  const width = Math.max(...r.classes.map((c) => c.label.length), 5);
  for (const c of r.classes.slice(0, 30)) out.line(`    ${c.label.padEnd(width)}  ${c.count}`);
  if (r.classes.length > 30) out.line(`    … and ${r.classes.length - 30} more`);
  if (r.problems.length === 0) out.line('  problems   none found');
  else {
    out.line(`  problems   ${r.problems.length}`);
    for (const p of r.problems) out.line(`    [${p.severity}] ${p.code}: ${p.message}`);
  }
  const pii = describePii(r.pii);
  if (pii === null) out.line('  personal   no e-mail addresses, phone, card or ID numbers found');
  else {
    out.line(`  personal   ${pii} ${options.maskPii ? 'will be masked' : 'are KEPT (--keep-pii): the model\'s vocabulary may contain them'}`);
    for (const e of r.pii.examples) out.line(`    row ${e.row}: ${e.text}`);
  }
}

export function inspectJson(d: LoadedDataset) {
  return {
    command: 'inspect' as const,
    encoding: d.encoding,
    delimiter: d.delimiter,
    hasHeader: d.hasHeader,
    columns: d.columns,
    textColumn: d.columns[d.textColumn],
    labelColumn: d.columns[d.labelColumn],
    columnReason: d.columnReason,
    rows: d.report.totalRows,
    usableExamples: d.report.usableExamples,
    skippedRows: d.report.skippedRows,
    classes: d.report.classes,
    lengths: d.report.lengths,
    suggestedSequenceLength: d.report.suggestedSequenceLength,
    trainable: d.report.trainable,
    problems: d.report.problems,
    pii: d.report.pii,
  };
}
