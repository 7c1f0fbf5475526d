import type { Principal } from './auth/tokens';
import { platformError } from './errors';

export interface Context {
  principal: Principal | null;
}

/** Every resolver starts here: signed in, and with one of the roles when any are named. */
export function need(ctx: Context, roles?: readonly string[]): Principal {
  if (!ctx.principal) throw platformError('UNAUTHENTICATED', 'Nepieciešama pieslēgšanās.');
  if (roles && !ctx.principal.roles.some((r) => roles.includes(r))) throw platformError('FORBIDDEN', 'Jūsu lomai tas nav atļauts.');
  return ctx.principal;
}

export const clamp = (n: number | null | undefined, max: number, fallback = 50) => Math.min(Math.max(n ?? fallback, 1), max);
