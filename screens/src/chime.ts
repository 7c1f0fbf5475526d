/** A short two-tone chime made with Web Audio: no sound files to fetch. */
export interface Chime {
  /** False when the browser keeps audio off until someone touches the screen (autoplay policy). */
  play(): Promise<boolean>;
}

export function createChime(): Chime {
  let context: AudioContext | null = null;
  return {
    async play() {
      try {
        context ??= new AudioContext();
        if (context.state === 'suspended') await Promise.race([context.resume(), new Promise((r) => setTimeout(r, 300))]);
        if (context.state !== 'running') return false;
        const start = context.currentTime + 0.05;
        for (const [i, frequency] of [659.25, 523.25].entries()) {
          const osc = context.createOscillator();
          const gain = context.createGain();
          osc.type = 'sine';
          osc.frequency.value = frequency;
          const at = start + i * 0.45;
          gain.gain.setValueAtTime(0.0001, at);
          gain.gain.exponentialRampToValueAtTime(0.4, at + 0.03);
          gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.8);
          osc.connect(gain).connect(context.destination);
          osc.start(at);
          osc.stop(at + 0.85);
        }
        return true;
      } catch {
        return false;
      }
    },
  };
}
