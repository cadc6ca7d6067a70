/** The summary table a folder import ends with. */

export interface ImportRow {
  file: string;
  result: 'imported' | 'needs review' | 'refused' | 'skipped';
  /** The output file, or why nothing was written. */
  detail: string;
}

export function summaryTable(rows: ImportRow[]): string {
  const header: [string, string, string] = ['file', 'result', 'output or reason'];
  const cells = rows.map((r) => [r.file, r.result, r.detail] as const);
  const widths = [0, 1].map((i) => Math.max(header[i]!.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => `${c[0]!.padEnd(widths[0]!)}  ${c[1]!.padEnd(widths[1]!)}  ${c[2]}`;
  const count = (result: ImportRow['result']) => rows.filter((r) => r.result === result).length;
  const imported = count('imported') + count('needs review');
  const totals = [
    `${imported} imported (${count('needs review')} need${count('needs review') === 1 ? 's' : ''} review)`,
    `${count('refused')} refused`,
    ...(count('skipped') ? [`${count('skipped')} skipped (already exist)`] : []),
  ].join(', ');
  return [line(header), line(widths.map((w) => '-'.repeat(w)).concat('-'.repeat(16))), ...cells.map(line), '', totals].join('\n');
}
