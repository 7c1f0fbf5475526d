import { z } from 'zod';

/** Argument pieces several mutations share. */
export const channelArg = z.enum(['in_person', 'phone', 'email', 'portal', 'post', 'e_address']);
export const outcomeArg = z.enum(['informed', 'referred', 'application_needed', 'unresolved']);
export const phoneArg = z.string().regex(/^\+?\d{7,15}$/u);
export const noteArg = z.string().trim().max(2000);
