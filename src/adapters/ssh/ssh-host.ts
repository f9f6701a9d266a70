import type { VspConfig } from '../../config.ts';

/** What the SSH adapter needs of a VSP; a `VspConfig` from the fleet config fits as is. */
export type SshHost = Pick<VspConfig, 'name' | 'address' | 'port' | 'user' | 'hostKeySha256'>;
