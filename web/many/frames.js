// frames.js: how responsive the page stays while the workers run — the intervals between animation
// frames, measured with requestAnimationFrame from start() to stop().

export function createFrameMeter(raf = (f) => requestAnimationFrame(f), now = () => performance.now()) {
  let intervals = [];
  let last = null;
  let running = false;
  const tick = () => {
    if (!running) return;
    const t = now();
    if (last !== null) intervals.push(t - last);
    last = t;
    raf(tick);
  };
  return {
    start() {
      intervals = [];
      last = null;
      if (!running) {
        running = true;
        raf(tick);
      }
    },
    /** Stop; returns {frames, p50, p95, max} of the intervals (ms), NaN if there were none. */
    stop() {
      running = false;
      return summarize(intervals);
    },
  };
}

export function summarize(intervals) {
  const s = Float64Array.from(intervals).sort();
  const at = (q) => (s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN);
  return { frames: s.length, p50: at(0.5), p95: at(0.95), max: s.length ? s[s.length - 1] : NaN };
}
