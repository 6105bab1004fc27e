/**
 * Where labels wanted at heights `wanted` go so that no two are nearer than `gap` and all stay
 * within [top, bottom]: in the order of their heights, each moved down just enough to clear the one
 * above, then, if the last ran past the bottom, the run moved up together (never above `top`).
 */
export function spreadLabels(wanted: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((o) => Math.min(Math.max(o.y, top), bottom));
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k]!, placed[k - 1]! + gap);
  for (let k = placed.length - 1; k >= 0; k--) {
    const limit = k === placed.length - 1 ? bottom : placed[k + 1]! - gap;
    placed[k] = Math.max(top + k * gap, Math.min(placed[k]!, limit));
  }
  const out: number[] = new Array(wanted.length);
  order.forEach((o, k) => { out[o.i] = placed[k]!; });
  return out;
}
