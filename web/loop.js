// loop.js: the frame loop. It owns the schedule and nothing else: while playing, each animation frame
// runs the speed setting's epochs, then draws once. At 'max' a worker trains (`ahead`) and each frame
// takes what it has done; without one, the frame trains as many epochs as fit the time it leaves
// after drawing (both measured as it goes). Either way 'max' draws every other frame. When paused, a
// requested redraw still happens on the next frame, once.
//
//   advance(n) -> epochs actually run (fewer when the run stops: target reached, or diverged)
//   draw({rush}) -> redraw the views from the current state; rush: at full speed, where the views
//                  may take turns, frame by frame (the final frame of a run is never rushed)
//   onStop()   -> called when advance ran fewer than asked (the loop has already paused)
//   ahead      -> optional, training elsewhere at 'max': start() -> whether it could start;
//                 take() -> [epochs taken since the last take, stopped], or null if it no longer can
//                 (the frame then trains here); stop()

export const SPEEDS = Object.freeze([1, 10, 100, 1000, 'max']);

export function createLoop({ advance, draw, onStop = () => {}, ahead = null, frameMs = 13.5, minBudgetMs = 4, maxBudgetMs = 14,
  slipMs = 20, now = () => performance.now(), raf = (f) => requestAnimationFrame(f) }) {
  let playing = false;
  let aheadOn = false; // a session of `ahead` is under way
  let speed = 10;
  let scheduled = false;
  let dirty = false;
  let perMs = 20; // learned epochs per millisecond, for sizing 'max' chunks
  // epochs/s: while playing, over windows of 0.4 s; once stopped, the average of the
  // whole play session (until forgetRate(), e.g. on reset)
  let windowStart = 0;
  let windowEpochs = 0;
  let sessionStart = 0;
  let sessionEpochs = 0;
  let rate = NaN;

  function endSession() {
    const t = now() - sessionStart;
    rate = sessionEpochs > 0 && t > 0 ? (sessionEpochs * 1000) / t : rate;
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      raf(frame);
    }
  }

  // Run up to n epochs; returns [ran, stopped].
  function run(n) {
    const ran = advance(n);
    return [ran, ran < n];
  }

  // 'max' trains for what a frame leaves after drawing: frameMs (within a 60 Hz frame, with room for
  // the browser's own work) minus the drawing time measured so far, kept between the two bounds.
  // It draws every other frame only: a drawn frame also costs the browser layout, paint and
  // compositing (in software, headless), work that shares the cores with the training and that
  // drawMs does not see; measured on the trainer page (tests/browser/bench-page.mjs), drawing every
  // frame halved the epochs per second and let frames slip to 33 ms. (With a worker ahead the page's
  // thread only draws, and still saturates its core drawing every frame, leaving the worker less:
  // 294,000 against 325,000 epochs/s, averages of three runs each.) A frame that does not draw
  // trains for maxBudgetMs. Both give up `slack` when frames slip all the same: the browser's share
  // of a frame is not seen from here, only its effect, a frame interval over slipMs; each such
  // frame takes 1 ms off the budgets, and each frame on time gives 0.25 ms back.
  let drawMs = 2;
  let maxFrames = 0; // frames played at 'max': the even ones draw
  let slack = 0;
  let lastFrame = NaN;
  function runMax(drawing) {
    const t0 = now();
    const interval = t0 - lastFrame;
    lastFrame = t0;
    if (interval > slipMs) slack = Math.min(maxBudgetMs, slack + 1);
    else if (interval > 0) slack = Math.max(0, slack - 0.25);
    const budgetMs = Math.max(minBudgetMs, (drawing ? Math.min(maxBudgetMs, frameMs - drawMs) : maxBudgetMs) - slack);
    let total = 0;
    for (;;) {
      const left = budgetMs - (now() - t0);
      if (left <= 0) return [total, false];
      const chunk = Math.max(1, Math.floor(perMs * Math.min(left, 2)));
      const c0 = now();
      const [ran, stopped] = run(chunk);
      const took = now() - c0;
      total += ran;
      if (took > 0.05 && ran > 0) perMs = 0.7 * perMs + 0.3 * (ran / took);
      if (stopped) return [total, true];
    }
  }

  function stopAhead() {
    if (aheadOn) ahead.stop();
    aheadOn = false;
  }

  function frame() {
    scheduled = false;
    if (playing) {
      const max = speed === 'max';
      if (max && ahead && !aheadOn) aheadOn = ahead.start();
      if (!max) stopAhead();
      const taken = aheadOn ? ahead.take() : null;
      if (taken === null) stopAhead(); // it could not go on: this frame and the next train here
      const drawing = !max || maxFrames++ % 2 === 0;
      const [ran, stopped] = taken ?? (max ? runMax(drawing) : run(speed));
      const t = now();
      windowEpochs += ran;
      sessionEpochs += ran;
      if (t - windowStart >= 400) {
        rate = (windowEpochs * 1000) / (t - windowStart);
        windowStart = t;
        windowEpochs = 0;
      }
      if (stopped) {
        playing = false;
        stopAhead();
        endSession();
      }
      // At full speed a frame has room for its training and a share of the drawing, not all of it:
      // draw() is told so and may spread its views over several frames. The last frame always draws.
      if (drawing || stopped) {
        const d0 = now();
        draw({ rush: playing && max });
        drawMs = 0.8 * drawMs + 0.2 * (now() - d0);
        dirty = false;
      }
      if (stopped) onStop();
      else schedule();
    } else if (dirty) {
      dirty = false;
      draw();
    }
  }

  return {
    get playing() {
      return playing;
    },
    get speed() {
      return speed;
    },
    /** Epochs per second: measured while playing; after, the last session's average (NaN if none). */
    get epochsPerSecond() {
      return rate;
    },
    play() {
      if (playing) return;
      playing = true;
      lastFrame = NaN; // the pause before is not a slipped frame
      windowStart = sessionStart = now();
      windowEpochs = sessionEpochs = 0;
      rate = NaN;
      schedule();
    },
    pause() {
      if (playing) endSession();
      playing = false;
      stopAhead();
      dirty = true;
      schedule();
    },
    /** Show no rate until the next play (after a reset or a step). */
    forgetRate() {
      rate = NaN;
    },
    setSpeed(s) {
      if (!SPEEDS.includes(s)) throw new RangeError(`loop: speed must be one of ${SPEEDS.join(', ')}, got ${s}`);
      speed = s;
    },
    /** Redraw on the next frame (once), e.g. after a step or reset while paused. */
    requestDraw() {
      dirty = true;
      schedule();
    },
  };
}
