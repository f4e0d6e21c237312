// gen-vectors.mjs writes vectors.json, the ground truth that the Go package
// internal/fsrs is checked against: review histories replayed through the
// reference TypeScript implementation, ts-fsrs (FSRS-6, 21 parameters).
//
// The Go tests only read vectors.json; they never run this script. To
// regenerate (Node 20+):
//
//   mkdir -p /tmp/fsrs-vectors && cd /tmp/fsrs-vectors
//   npm init -y && npm install ts-fsrs@5.4.2
//   node /path/to/internal/fsrs/testdata/gen-vectors.mjs
//
// ts-fsrs is resolved from the current directory (so it need not live in the
// repository); the output goes next to this script. The run is deterministic:
// random histories come from a fixed-seed PRNG, start times are fixed.

import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(path.join(process.cwd(), "resolve-here.js"));
const tsfsrs = require("ts-fsrs");
const { fsrs, createEmptyCard, dateDiffInDays, State, FSRSVersion, default_w } = tsfsrs;

const PINNED = "5.4.2";
if (!FSRSVersion.startsWith(`v${PINNED} `)) {
  throw new Error(`expected ts-fsrs ${PINNED}, got ${FSRSVersion}`);
}

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

// Configurations. Steps are whole minutes here (the Go side reads them as
// minutes) and become ts-fsrs "Nm" strings below.
const configs = {
  default: {
    w: [...default_w],
    request_retention: 0.9,
    maximum_interval: 36500,
    enable_fuzz: false,
    learning_steps: [1, 10],
    relearning_steps: [10],
  },
  no_steps: {
    w: [...default_w],
    request_retention: 0.9,
    maximum_interval: 36500,
    enable_fuzz: false,
    learning_steps: [],
    relearning_steps: [],
  },
  retention_080: {
    w: [...default_w],
    request_retention: 0.8,
    maximum_interval: 36500,
    enable_fuzz: false,
    learning_steps: [1, 10],
    relearning_steps: [10],
  },
  retention_095: {
    w: [...default_w],
    request_retention: 0.95,
    maximum_interval: 36500,
    enable_fuzz: false,
    learning_steps: [1, 10],
    relearning_steps: [10],
  },
  // A made-up but in-range parameter set, as an optimizer might produce;
  // w0 below 0.1 exercises the floor on the initial stability.
  custom_w: {
    w: [
      0.05, 0.9, 2.3, 10.9, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94, 2.18,
      0.05, 0.34, 1.26, 0.29, 2.61, 0.3, 0.2, 0.1, 0.3,
    ],
    request_retention: 0.85,
    maximum_interval: 36500,
    enable_fuzz: false,
    learning_steps: [1, 10],
    relearning_steps: [10],
  },
  // Small maximum interval; Good/Easy may exceed it by the ordering rule.
  max_interval_30: {
    w: [...default_w],
    request_retention: 0.9,
    maximum_interval: 30,
    enable_fuzz: false,
    learning_steps: [],
    relearning_steps: [],
  },
  // Three learning steps, the last a whole day, and two relearning steps
  // (which also activates the w17/w18 ceiling check).
  long_steps: {
    w: [...default_w],
    request_retention: 0.9,
    maximum_interval: 36500,
    enable_fuzz: false,
    learning_steps: [5, 30, 1440],
    relearning_steps: [10, 60],
  },
  fuzz: {
    w: [...default_w],
    request_retention: 0.9,
    maximum_interval: 36500,
    enable_fuzz: true,
    learning_steps: [1, 10],
    relearning_steps: [10],
  },
};

function schedulerFor(cfg) {
  const f = fsrs({
    w: cfg.w,
    request_retention: cfg.request_retention,
    maximum_interval: cfg.maximum_interval,
    enable_fuzz: cfg.enable_fuzz,
    enable_short_term: true,
    learning_steps: cfg.learning_steps.map((m) => `${m}m`),
    relearning_steps: cfg.relearning_steps.map((m) => `${m}m`),
  });
  // Fail loudly if ts-fsrs clipped the parameters: the Go side rejects
  // out-of-range parameters instead of clipping them.
  f.parameters.w.forEach((v, i) => {
    if (v !== cfg.w[i]) throw new Error(`w[${i}] clipped: ${cfg.w[i]} -> ${v}`);
  });
  return f;
}

// Offsets: "+10m", "+3h", "+2d" after the previous review (or the start);
// "due", "due+2h", "due+5d", "due-1d" relative to the card's due time (never
// before the previous review); "half" and "x3" scale the current interval.
function reviewTime(spec, card, prev) {
  const unit = { m: MINUTE, h: 60 * MINUTE, d: DAY };
  let m = /^\+(\d+)([mhd])$/.exec(spec);
  if (m) return new Date(prev.getTime() + Number(m[1]) * unit[m[2]]);
  m = /^due(?:([+-])(\d+)([mhd]))?$/.exec(spec);
  if (m) {
    let t = card.due.getTime();
    if (m[1]) t += (m[1] === "+" ? 1 : -1) * Number(m[2]) * unit[m[3]];
    return new Date(Math.max(t, prev.getTime()));
  }
  m = /^(half|x3)$/.exec(spec);
  if (m) {
    const ivl = card.due.getTime() - prev.getTime();
    const k = spec === "half" ? 0.5 : 3;
    return new Date(prev.getTime() + Math.round(ivl * k));
  }
  throw new Error(`bad offset ${spec}`);
}

function replay(name, configName, start, steps) {
  const f = schedulerFor(configs[configName]);
  let card = createEmptyCard(start);
  let prev = start;
  const reviews = [];
  for (const [spec, rating] of steps) {
    const at = reviewTime(spec, card, prev);
    // The retrievability the algorithm itself uses at this review: elapsed
    // days are UTC calendar days (dateDiffInDays), as in the scheduler.
    const elapsed =
      card.state !== State.New && card.last_review
        ? dateDiffInDays(card.last_review, at)
        : 0;
    const r = card.state === State.New ? 0 : f.forgetting_curve(elapsed, card.stability);
    const next = f.next(card, at, rating).card;
    reviews.push({
      at: at.toISOString(),
      rating,
      retrievability: r,
      elapsed_days: elapsed,
      stability: next.stability,
      difficulty: next.difficulty,
      scheduled_days: next.scheduled_days,
      state: next.state,
      step: next.learning_steps,
      reps: next.reps,
      lapses: next.lapses,
      due: next.due.toISOString(),
    });
    card = next;
    prev = at;
  }
  return { name, config: configName, start: start.toISOString(), reviews };
}

// mulberry32: a tiny fixed-seed PRNG so random histories are reproducible.
function mulberry32(seed) {
  return function () {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomHistory(rand) {
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const n = 5 + Math.floor(rand() * 21);
  const steps = [];
  for (let i = 0; i < n; i++) {
    const u = rand();
    let spec;
    if (i === 0) spec = "+0m";
    else if (u < 0.2) spec = `+${1 + Math.floor(rand() * 600)}m`;
    else if (u < 0.5) spec = "due";
    else if (u < 0.7) spec = `due+${Math.floor(rand() * 30)}d`;
    else if (u < 0.78) spec = `due+${1 + Math.floor(rand() * 20)}h`;
    else if (u < 0.86) spec = pick(["half", "x3"]);
    else if (u < 0.93) spec = `due-${1 + Math.floor(rand() * 5)}d`;
    else spec = `+${100 + Math.floor(rand() * 1500)}d`;
    const g = rand();
    const rating = g < 0.15 ? 1 : g < 0.3 ? 2 : g < 0.85 ? 3 : 4;
    steps.push([spec, rating]);
  }
  return steps;
}

const rep = (n, step) => Array.from({ length: n }, () => step);

// Hand-written histories, each aimed at one behaviour.
const handmade = {
  first_again: [["+0m", 1]],
  first_hard: [["+0m", 2]],
  first_good: [["+0m", 3]],
  first_easy: [["+0m", 4]],
  good_streak_at_due: [["+0m", 3], ...rep(14, ["due", 3])],
  easy_streak_at_due: [["+0m", 4], ...rep(25, ["due", 4])],
  hard_streak_at_due: [["+0m", 2], ...rep(12, ["due", 2])],
  again_same_day: rep(6, ["+1m", 1]),
  learning_then_graduate: [["+0m", 3], ["due", 3], ["due", 3], ["due", 3]],
  learning_hard_loops: [["+0m", 2], ["due", 2], ["due", 2], ["due", 3], ["due", 3]],
  lapse_and_relearn: [
    ["+0m", 3], ["due", 3], ["due", 3], ["due", 3], ["due", 1],
    ["due", 3], ["due", 3], ["due", 3],
  ],
  relearn_hard_again: [
    ["+0m", 4], ["due", 3], ["due", 1], ["due", 2], ["due", 1], ["due", 3], ["due", 4],
  ],
  long_gap_good: [["+0m", 3], ["due", 3], ["due", 3], ["+1000d", 3], ["due", 3]],
  long_gap_again: [["+0m", 4], ["due", 4], ["due", 4], ["+1825d", 1], ["due", 3], ["due", 3]],
  same_day_many: [["+0m", 3], ["+10m", 3], ["+30m", 3], ["+2h", 3], ["+3h", 4], ["+1h", 2]],
  midnight_crossing: [["+0m", 3], ["+2m", 3], ["+9m", 3], ["+1h", 3]],
  early_reviews: [["+0m", 4], ["half", 3], ["half", 3], ["half", 3], ["half", 4], ["half", 3]],
  late_reviews: [["+0m", 3], ["due", 3], ["x3", 3], ["x3", 3], ["x3", 2], ["x3", 3]],
  alternating: [
    ["+0m", 1], ["due", 2], ["due", 3], ["due", 4], ["due", 1], ["due", 2], ["due", 3],
    ["due", 4], ["due+2d", 1], ["due", 3],
  ],
  difficulty_to_ten: [["+0m", 1], ...rep(15, ["+1d", 1])],
  difficulty_to_one: [["+0m", 4], ...rep(15, ["due", 4])],
  again_after_review_same_day: [["+0m", 4], ["due", 3], ["+5m", 1], ["+10m", 1], ["+10m", 3]],
  easy_from_learning: [["+0m", 1], ["+1m", 4], ["due", 4], ["due", 4]],
  review_a_day_late_in_learning: [["+0m", 3], ["+1d", 3], ["+2d", 1], ["+3d", 3]],
  early_one_day: [["+0m", 4], ["due", 4], ["due-1d", 3], ["due-2d", 3], ["due", 3]],
  hard_then_easy: [["+0m", 3], ["due", 3], ["due", 2], ["due", 2], ["due", 4], ["due", 4]],
  // Same-day Agains drive stability to its floor; lapses after long gaps
  // then hit the post-lapse cap S/e^(w17·w18).
  tiny_stability_long_gap: [
    ["+0m", 1], ...rep(4, ["+1m", 1]), ["+400d", 1], ["+1d", 3], ["+700d", 1], ["+3d", 1], ["due", 3],
  ],
  again_floor_spiral: [["+0m", 1], ...rep(8, ["+1m", 1]), ["+1d", 1], ["+1d", 1], ["+2d", 1], ["+30d", 3]],
};

// Start times at varied times of day so calendar-day elapsed counting is
// exercised (23:55 followed by 00:04 the next day is one elapsed day).
const starts = [
  "2024-01-01T08:00:00.000Z",
  "2024-03-10T23:55:00.000Z",
  "2024-06-30T12:34:56.789Z",
  "2024-12-31T23:50:00.000Z",
  "2025-02-28T00:00:00.000Z",
];

const sequences = [];
let i = 0;
for (const [name, steps] of Object.entries(handmade)) {
  const start = name === "midnight_crossing" ? "2024-03-10T23:55:00.000Z" : starts[i++ % starts.length];
  sequences.push(replay(name, "default", new Date(start), steps));
}

const rand = mulberry32(20240601);
const randomStart = () =>
  new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 400) * DAY + Math.floor(rand() * DAY / MINUTE) * MINUTE);
for (let k = 0; k < 30; k++) {
  sequences.push(replay(`random_${k}`, "default", randomStart(), randomHistory(rand)));
}

// Other configurations: a handful of the hand-written histories plus random ones.
const subset = [
  "first_again", "first_easy", "good_streak_at_due", "easy_streak_at_due",
  "lapse_and_relearn", "relearn_hard_again", "long_gap_again", "same_day_many",
  "learning_hard_loops", "alternating", "tiny_stability_long_gap",
];
for (const cfg of Object.keys(configs).filter((c) => c !== "default")) {
  for (const name of subset) {
    sequences.push(replay(`${cfg}/${name}`, cfg, new Date(starts[i++ % starts.length]), handmade[name]));
  }
  for (let k = 0; k < 6; k++) {
    sequences.push(replay(`${cfg}/random_${k}`, cfg, randomStart(), randomHistory(rand)));
  }
}

const out = { generator: `ts-fsrs ${FSRSVersion}`, configs, sequences };
const here = path.dirname(fileURLToPath(import.meta.url));
const lines = [
  "{",
  `"generator": ${JSON.stringify(out.generator)},`,
  `"configs": ${JSON.stringify(configs)},`,
  '"sequences": [',
  sequences.map((s) => JSON.stringify(s)).join(",\n"),
  "]}",
];
writeFileSync(path.join(here, "vectors.json"), lines.join("\n") + "\n");
console.log(`wrote ${sequences.length} sequences, ${sequences.reduce((n, s) => n + s.reviews.length, 0)} reviews`);
