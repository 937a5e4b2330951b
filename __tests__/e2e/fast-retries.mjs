// Preloaded (`node --import`) into e2e child processes that meet a failing cache service: shortens
// @actions/cache's Twirp retry waits (3 s, then 4.5–6.75 s, … between 5 attempts: ~25 s per call)
// to 10 ms, so "500 on every call" finishes in test time. Only waits in that range are touched;
// undici's own timeouts use its timer wheel (ticks under 1 s) and wheelhouse's backoffs are shorter.
const original = globalThis.setTimeout;
globalThis.setTimeout = function setTimeout(callback, ms, ...args) {
  const delay = typeof ms === 'number' && ms >= 2500 && ms <= 16000 ? 10 : ms;
  return original.call(this, callback, delay, ...args);
};
