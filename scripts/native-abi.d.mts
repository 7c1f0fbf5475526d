export interface NativeBuild {
  dir: string;
  hadBuild: boolean;
  files: string[];
  saved: string;
}
export function findNativePackages(nodeModulesDir: string): string[];
export function snapshotNativeBuilds(nodeModulesDir: string, backupDir: string): NativeBuild[];
export function restoreNativeBuilds(snapshot: NativeBuild[]): string[];
export function createNativeAbiGuard(options?: {
  onExit?: (restore: () => void) => void;
  log?: (line: string) => void;
}): {
  beforeBuild(context: { appDir: string }): Promise<boolean>;
  afterPack(): Promise<void>;
  finish(): void;
};
