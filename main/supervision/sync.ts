import type { LocalEffect } from '../sync/store';

/**
 * A supervisor's threshold changes, shown on this desk until the platform confirms them. They write no
 * base versions: a threshold is a setting the last supervisor to change it decides, not an edit to merge.
 * A desk that has never received the row (a queue of another centre) keeps the change in the outbox only.
 */
export const supervisionEffects: Record<string, LocalEffect> = {
  'queue.setTarget': {
    entity: 'queue',
    writes: () => [],
    apply: (current, args) => {
      if (!current) throw new Error('queue not on this desk');
      return { ...current, waitTargetMinutes: args.waitTargetMinutes };
    },
  },
  'alerts.set': {
    entity: 'alert_settings',
    writes: () => [],
    apply: (current, args) => {
      if (!current) throw new Error('alert settings not on this desk');
      return { ...current, satisfactionThreshold: args.satisfactionThreshold, minimumRatings: args.minimumRatings };
    },
  },
};
