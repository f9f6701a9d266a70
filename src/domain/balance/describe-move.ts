export interface LoadChange {
  readonly host: string;
  readonly before: number;
  readonly after: number;
}

/** "vsp3 62% → 48%, vsp7 21% → 35%": why a move is suggested, in the words an operator checks. */
export function describeMove(source: LoadChange, target: LoadChange, sourceInMaintenance: boolean): string {
  const from = `${source.host}${sourceInMaintenance ? ' (maintenance)' : ''} ${percent(source.before)} → ${percent(source.after)}`;
  return `${from}, ${target.host} ${percent(target.before)} → ${percent(target.after)}`;
}

export function percent(load: number): string {
  return `${Math.round(load * 100)}%`;
}
