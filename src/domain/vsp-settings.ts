/**
 * What the planner needs to know about each VSP and about migrations, beyond the inventory.
 * Structural interfaces: the domain never imports config.ts, and `VspConfig` / `MigrationConfig`
 * from there satisfy these as they are (a type test in test/unit/domain/plan keeps it so).
 */

export interface VspSettings {
  readonly name: string;
  /** `4.3`, `6.1.5`, … from the fleet config; keys the command templates and the version-path table. */
  readonly hpvmVersion: string;
  /** The name other VSPs use for this one in `hpvmmigrate -h` (its migration-network alias). */
  readonly migrationHost?: string;
  /** Prefix every command with `sudo -n`. */
  readonly sudo: boolean;
  readonly hpvmBinDir: string;
  readonly machinfoPath: string;
  /** Fallback when machinfo (11.31 format) does not print the processor family/model. */
  readonly cpuFamily?: number;
  readonly cpuModel?: number;
  /** Memory the host keeps for itself; guests fit into machinfo memory minus this. */
  readonly reservedMemoryMb: number;
  readonly maintenance: boolean;
  /** `vgdisplay` and `bdf` on this VSP; HP-UX's /usr/sbin/vgdisplay and /usr/bin/bdf when absent. */
  readonly vgdisplayPath?: string;
  readonly bdfPath?: string;
  /**
   * Where an lvol or file copied to this VSP goes: source path → path on this VSP. A store not listed keeps
   * its path (docs/hpvm-reference.md, "Offline moves that copy storage").
   */
  readonly storageMap?: Readonly<Record<string, string>>;
  /**
   * HP's own check (`hpvmmigrate -s`) before the preview, for moves from this VSP: `false` switches it off,
   * `{ online: false }` only for online moves, `{ withStart: false }` leaves `-b` out of it. Absent or true:
   * on, as far as the version table allows (PRECHECK_SUPPORT in domain/commands/command-templates.ts).
   */
  readonly precheck?: PrecheckSetting;
}

export type PrecheckSetting = boolean | { readonly online?: boolean; readonly withStart?: boolean };

export interface PlanSettings {
  /** Moves running at once (rounds: docs/architecture.md, "Domain rules"); values below 1 count as 1. */
  readonly maxParallelMigrations: number;
  /** Expected copy rate of the migration network, for online duration estimates. */
  readonly linkMbPerSecond: number;
  /** Fixed duration estimate of one offline move. */
  readonly offlineMoveSeconds: number;
  /** Expected rate of copying a store to the target during an offline move; linkMbPerSecond when absent. */
  readonly storageCopyMbPerSecond?: number;
}
