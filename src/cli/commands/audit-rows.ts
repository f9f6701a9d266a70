/**
 * Audit rows as `audit export` writes them: JSON Lines (one object per row, every key present) or CSV
 * (RFC 4180: a header, CRLF line ends, a field quoted when it holds a quote, comma or line break, quotes
 * doubled). The detail goes out as JSON text in both, so nothing is lost or flattened.
 */
import type { ChainedAuditEntry } from '../../ports.ts';

export const AUDIT_EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const COLUMNS = ['seq', 'at', 'actor', 'action', 'requestId', 'result', 'detail', 'prevHash', 'hash'] as const;

/** The header line (CSV only), then one line per row; each string ends with its line break. */
export function auditExportLines(rows: readonly ChainedAuditEntry[], format: AuditExportFormat): string[] {
  if (format === 'jsonl') return rows.map((row) => `${JSON.stringify(exportRecord(row))}\n`);
  return [csvLine(COLUMNS), ...rows.map((row) => csvLine(csvFields(row)))];
}

/** Keys in a fixed order; absent fields as null, so every line has the same keys. */
function exportRecord(row: ChainedAuditEntry): Record<(typeof COLUMNS)[number], unknown> {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    requestId: row.requestId ?? null,
    result: row.result,
    detail: row.detail ?? null,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

function csvFields(row: ChainedAuditEntry): string[] {
  return [
    String(row.seq),
    row.at,
    row.actor,
    row.action,
    row.requestId ?? '',
    row.result,
    row.detail === undefined ? '' : JSON.stringify(row.detail),
    row.prevHash,
    row.hash,
  ];
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
