/** The resolutions a clerk would pick from; a device offering a range is shown these within it. */
const COMMON_RESOLUTIONS = [50, 75, 100, 150, 200, 300, 400, 600, 1200];

/** The common resolutions a device's min..max (in steps of `step`) range can scan at. */
export function resolutionsInRange(min: number, max: number, step = 1): number[] {
  const stepOk = (value: number) => step <= 1 || (value - min) % step === 0;
  return COMMON_RESOLUTIONS.filter((value) => value >= min && value <= max && stepOk(value));
}

/** Sorted ascending, duplicates and nonsense (0, NaN) dropped. */
export function tidyResolutions(values: Iterable<number>): number[] {
  return [...new Set(values)].filter((value) => Number.isFinite(value) && value > 0).sort((a, b) => a - b);
}

/** The supported resolution nearest to the wanted one; on a tie the sharper one. */
export function nearestResolution(wanted: number, supported: readonly number[]): number {
  let best = supported[0] ?? wanted;
  for (const candidate of supported) {
    const distance = Math.abs(candidate - wanted);
    const bestDistance = Math.abs(best - wanted);
    if (distance < bestDistance || (distance === bestDistance && candidate > best)) best = candidate;
  }
  return best;
}
