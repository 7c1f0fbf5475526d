import { createNativeAbiGuard } from './native-abi.mjs';

/*
 * Hooks named in electron-builder.yml. They exist so that better-sqlite3 (and any native addon
 * after it) is built for Electron only inside the packaged app, never left that way in node_modules.
 */
const guard = createNativeAbiGuard();

export const beforeBuild = guard.beforeBuild;
export const afterPack = guard.afterPack;
