import type { LocalEffect } from '../sync/store';

/** A document's metadata on this desk before the platform confirms it (`platform/documents/mutations.ts`). */
export const documentEffects: Record<string, LocalEffect> = {
  'document.attach': {
    entity: 'document',
    writes: () => 'all',
    apply: (current, args, meta) => ({ createdBy: meta.userId, createdAt: meta.at, ...current, ...args }),
  },
};
