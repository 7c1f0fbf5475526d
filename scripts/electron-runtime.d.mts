export type ElectronRuntime = { installed: true; executable: string } | { installed: false; reason: string };
export function findElectronRuntime(electronDir: string, env?: NodeJS.ProcessEnv): ElectronRuntime;
