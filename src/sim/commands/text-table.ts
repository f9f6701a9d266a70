/** Fixed-width text tables as the hpvm commands print them: single spaces between columns, `=` underlines. */
export interface Column {
  readonly width: number;
  readonly align: 'left' | 'right';
}

/** A cell wider than its column pushes the rest of the row right, as HP's printf does; no trailing blanks. */
export function formatRow(columns: readonly Column[], cells: readonly string[]): string {
  return cells
    .map((cell, index) => {
      const column = columns[index];
      if (!column) return cell;
      return column.align === 'left' ? cell.padEnd(column.width) : cell.padStart(column.width);
    })
    .join(' ')
    .trimEnd();
}

export function underline(columns: readonly Column[]): string {
  return columns.map((column) => '='.repeat(column.width)).join(' ');
}

/** `16 GB` for whole gigabytes, else `1536 MB`. */
export function formatMemory(memoryMb: number): string {
  return memoryMb % 1024 === 0 ? `${memoryMb / 1024} GB` : `${memoryMb} MB`;
}

export function formatPercent(value: number): string {
  return `${value.toFixed(1)}%`;
}

export const left = (width: number): Column => ({ width, align: 'left' });
export const right = (width: number): Column => ({ width, align: 'right' });
