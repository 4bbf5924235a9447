import { describe, expect, it } from 'vitest';
import { mannWhitneyU, median, medianInterval, wilsonInterval, zeroUpperBound } from '../dist/src/stats.js';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two, of the finite values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2, NaN])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('wilsonInterval', () => {
  // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of seven methods",
  // Statistics in Medicine 17:857-872, Table I, method 3 (score interval without continuity correction), 95%.
  const newcombe: [successes: number, trials: number, lower: number, upper: number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1.0],
  ];

  it.each(newcombe)('%i of %i gives Newcombe\'s [%f, %f]', (successes, trials, lower, upper) => {
    const interval = wilsonInterval(successes, trials);
    expect(Math.abs(interval.lower - lower)).toBeLessThan(5e-5);
    expect(Math.abs(interval.upper - upper)).toBeLessThan(5e-5);
  });

  it('is exactly 0 below with no successes, exactly 1 above with no failures, and [0, 1] without trials', () => {
    expect(wilsonInterval(0, 20).lower).toBe(0);
    expect(wilsonInterval(29, 29).upper).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });

  it('mirrors successes and failures, and widens with the confidence', () => {
    const successes = wilsonInterval(15, 148);
    const failures = wilsonInterval(133, 148);
    expect(failures.lower).toBeCloseTo(1 - successes.upper, 14);
    expect(failures.upper).toBeCloseTo(1 - successes.lower, 14);
    const at90 = wilsonInterval(81, 263, 0.9);
    const at99 = wilsonInterval(81, 263, 0.99);
    expect(at90.lower).toBeGreaterThan(0.2553);
    expect(at99.lower).toBeLessThan(0.2553);
    expect(at90.upper).toBeLessThan(0.3662);
    expect(at99.upper).toBeGreaterThan(0.3662);
  });

  // Wikipedia, "Normal distribution", Quantile function: the two-sided z_p = sqrt(2) erf^-1(p). For 0 of 1 the
  // upper Wilson bound is z^2 / (1 + z^2), which gives the z the interval used back.
  it.each([
    [0.8, 1.281551565545],
    [0.9, 1.644853626951],
    [0.95, 1.95996398454],
    [0.98, 2.326347874041],
    [0.99, 2.575829303549],
    [0.995, 2.807033768344],
    [0.998, 3.090232306168],
    [0.999, 3.290526731492],
    [0.9999, 3.890591886413],
    [0.99999, 4.417173413469],
  ])('at %f uses the normal quantile %f', (confidence, z) => {
    const upper = wilsonInterval(0, 1, confidence).upper;
    expect(Math.sqrt(upper / (1 - upper))).toBeCloseTo(z, 9);
  });

  it('rejects bad input with a RangeError naming the argument', () => {
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(/successes/);
    expect(() => wilsonInterval(1.5, 10)).toThrow(/successes/);
    expect(() => wilsonInterval(1, -10)).toThrow(/trials/);
    expect(() => wilsonInterval(1, 10.5)).toThrow(/trials/);
    expect(() => wilsonInterval(1, Infinity)).toThrow(/trials/);
    expect(() => wilsonInterval(11, 10)).toThrow(/successes/);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(/confidence/);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(/confidence/);
    expect(() => wilsonInterval(1, 10, NaN)).toThrow(RangeError);
  });
});

describe('zeroUpperBound', () => {
  // The rule of three: 0 events in n trials bounds the rate by about 3/n at 95% (Hanley JA, Lippman-Hand A (1983),
  // "If nothing goes wrong, is everything all right?", JAMA 249:1743-1745; Wikipedia, "Rule of three (statistics)").
  it('0 torn of 13,000,000 bounds the torn fraction at about 2.3e-7 at 95%', () => {
    const bound = zeroUpperBound(13_000_000);
    expect(bound).toBeCloseTo(2.3044e-7, 10);
    expect(Math.abs(bound * 13_000_000 - 3) / 3).toBeLessThan(0.002);
  });

  // Wikipedia, "Rule of three (statistics)": the numerators 3.51, 4.61 and 5.3 serve at 97%, 99% and 99.5%.
  it.each([
    [0.95, 3.0],
    [0.97, 3.51],
    [0.99, 4.61],
    [0.995, 5.3],
  ])('at %f the numerator is the published %f', (confidence, numerator) => {
    const trials = 1_000_000;
    expect(Math.round(zeroUpperBound(trials, confidence) * trials * 100) / 100).toBe(numerator);
  });

  it('is the proportion at which 0 successes has probability 1 - confidence', () => {
    expect(zeroUpperBound(1)).toBeCloseTo(0.95, 15);
    for (const trials of [2, 10, 300, 1500]) {
      for (const confidence of [0.9, 0.95, 0.99]) {
        expect((1 - zeroUpperBound(trials, confidence)) ** trials).toBeCloseTo(1 - confidence, 12);
      }
    }
    expect(zeroUpperBound(0)).toBe(1);
  });

  it('rejects bad input with a RangeError naming the argument', () => {
    expect(() => zeroUpperBound(-1)).toThrow(/trials/);
    expect(() => zeroUpperBound(2.5)).toThrow(/trials/);
    expect(() => zeroUpperBound(10, 1)).toThrow(/confidence/);
    expect(() => zeroUpperBound(10, -0.5)).toThrow(RangeError);
  });
});

describe('medianInterval', () => {
  // n down to 1, so that the k-th smallest value is k and only a sort finds it.
  const ranks = (n: number): number[] => Array.from({ length: n }, (_, i) => n - i);

  it('has no 95% interval for 5 values, and [min, max] at 1 - 2/64 for 6', () => {
    expect(medianInterval([5, 1, 4, 2, 3])).toBeNull();
    const six = medianInterval([2.5, 9, 1, 7, 3, 4]);
    expect(six).not.toBeNull();
    expect(six!.lower).toBe(1);
    expect(six!.upper).toBe(9);
    expect(six!.confidence).toBeCloseTo(0.96875, 12);
  });

  it('takes the 2nd smallest and 2nd largest of 10 values, at coverage 1002/1024', () => {
    expect(medianInterval([10, 20, 30, 40, 50, 60, 70, 80, 90, 100].reverse())).toEqual({
      lower: 20,
      upper: 90,
      confidence: expect.closeTo(1002 / 1024, 12),
    });
  });

  // Nair KR (1940), "Table of confidence interval for the median in samples from any continuous population",
  // Sankhya 4:551-558, as reprinted from Dixon & Massey (1969) in http://en.m.wikisource.org/wiki/Page:Sm_all_cc.pdf/38
  // (Table 5): n, then k and the confidence in percent for at least 95% and at least 99%. For n <= 20 the 95%
  // confidences are those of the table of [x(k), x(n+1-k)] at https://www.coursehero.com/file/5646626/A7/ (Table A.7),
  // which prints 98.4 for n = 7 where the Nair reprint has 98.1 (exactly 1 - 2/128 = 98.44%).
  const nair: [n: number, k95: number, percent95: number, k99: number | null, percent99: number | null][] = [
    [6, 1, 96.9, null, null],
    [7, 1, 98.4, null, null],
    [8, 1, 99.2, 1, 99.2],
    [9, 2, 96.1, 1, 99.6],
    [10, 2, 97.9, 1, 99.8],
    [11, 2, 98.8, 1, 99.9],
    [12, 3, 96.1, 2, 99.4],
    [13, 3, 97.8, 2, 99.7],
    [14, 3, 98.7, 2, 99.8],
    [15, 4, 96.5, 3, 99.3],
    [16, 4, 97.9, 3, 99.6],
    [17, 5, 95.1, 3, 99.8],
    [18, 5, 96.9, 4, 99.2],
    [19, 5, 98.1, 4, 99.6],
    [20, 6, 95.9, 4, 99.7],
    [25, 8, 95.7, 6, 99.6],
    [30, 10, 95.7, 8, 99.5],
    [40, 14, 96.2, 12, 99.4],
    [50, 18, 96.7, 16, 99.3],
    [65, 25, 95.4, 22, 99.4],
  ];

  it.each(nair)('n = %i: k = %i at %f%% (95%%), k = %s at %s%% (99%%)', (n, k95, percent95, k99, percent99) => {
    const at95 = medianInterval(ranks(n), 0.95);
    expect(at95).toMatchObject({ lower: k95, upper: n + 1 - k95 });
    expect(Math.round(at95!.confidence * 1000) / 10).toBe(percent95);
    const at99 = medianInterval(ranks(n), 0.99);
    if (k99 === null) {
      expect(at99).toBeNull();
    } else {
      expect(at99).toMatchObject({ lower: k99, upper: n + 1 - k99 });
      expect(Math.round(at99!.confidence * 1000) / 10).toBe(percent99);
    }
  });

  // go-moremath stats/quantileci_test.go (benchstat's QuantileCI): QuantileCI(5, 0.5, 0.3125001) is the 2nd to the
  // 4th order statistic at 0.625, and QuantileCI(4, 0.5, 0.99) needs the whole line (no finite interval).
  it('agrees with benchstat\'s QuantileCI where that is symmetric', () => {
    const five = [1, 2, 3, 4, 5];
    expect(medianInterval(five, 0.3125001)).toEqual({ lower: 2, upper: 4, confidence: expect.closeTo(0.625, 12) });
    expect(medianInterval([1, 2, 3, 4], 0.99)).toBeNull();
    // Table A.7 (above): 5 values, [x(1), x(5)] at 93.8%.
    expect(medianInterval(five, 0.9)).toEqual({ lower: 1, upper: 5, confidence: expect.closeTo(0.9375, 12) });
  });

  it('reports the exact binomial coverage of the narrowest symmetric pair that reaches the confidence', () => {
    for (let n = 2; n <= 60; n++) {
      const coverage = (k: number): number => 1 - (2 * Number(binomialLowerTail(n, k))) / 2 ** n;
      for (const confidence of [0.5, 0.8, 0.9, 0.95, 0.99]) {
        const interval = medianInterval(ranks(n), confidence);
        if (coverage(1) < confidence) {
          expect(interval).toBeNull();
          continue;
        }
        const k = interval!.lower;
        expect(interval!.upper).toBe(n + 1 - k);
        expect(interval!.confidence).toBeCloseTo(coverage(k), 12);
        expect(interval!.confidence).toBeGreaterThanOrEqual(confidence);
        if (2 * (k + 1) <= n) expect(coverage(k + 1)).toBeLessThan(confidence);
      }
    }
  });

  it('covers the true median of a continuous distribution as often as it says', () => {
    const random = mulberry32(20240607);
    const trueMedian = Math.LN2; // of the exponential distribution with rate 1
    for (const n of [10, 25]) {
      const runs = 20_000;
      let covered = 0;
      let claimed = 0;
      for (let run = 0; run < runs; run++) {
        const sample = Array.from({ length: n }, () => -Math.log(1 - random()));
        const interval = medianInterval(sample)!;
        claimed = interval.confidence;
        if (interval.lower <= trueMedian && trueMedian <= interval.upper) covered++;
      }
      const standardError = Math.sqrt((claimed * (1 - claimed)) / runs);
      expect(Math.abs(covered / runs - claimed)).toBeLessThan(4 * standardError);
    }
  });

  it('ignores values that are not finite, as median does, and handles large samples', () => {
    expect(medianInterval([NaN, 6, 5, Infinity, 4, 3, 2, 1])).toEqual(medianInterval([1, 2, 3, 4, 5, 6]));
    // For large n the pair is near n/2 -/+ 1.96 sqrt(n)/2: 10,000 values give k = 4902 (normal approximation 4902.5).
    const large = medianInterval(ranks(10_000))!;
    expect(large.lower).toBeGreaterThanOrEqual(4901);
    expect(large.lower).toBeLessThanOrEqual(4903);
    expect(large.upper).toBe(10_001 - large.lower);
    expect(large.confidence).toBeGreaterThanOrEqual(0.95);
    expect(large.confidence).toBeLessThan(0.952);
  });

  it('rejects a confidence outside (0, 1)', () => {
    expect(() => medianInterval([1, 2, 3], 1)).toThrow(/confidence/);
    expect(() => medianInterval([1, 2, 3], 0)).toThrow(RangeError);
  });
});

describe('mannWhitneyU', () => {
  it('counts U as in Wikipedia\'s tortoise and hare example', () => {
    // Wikipedia, "Mann-Whitney U test", Illustration of calculation methods: finishing order T H H H H H T T T T T H,
    // ranked 12 (first home) down to 1; U_T = 11 and U_H = 25, and U = 11 is not significant at 5% for 6 and 6.
    const tortoises = [12, 6, 5, 4, 3, 2];
    const hares = [11, 10, 9, 8, 7, 1];
    expect(mannWhitneyU(tortoises, hares).u).toBe(11);
    expect(mannWhitneyU(hares, tortoises).u).toBe(25);
    expect(mannWhitneyU(tortoises, hares).p).toBeGreaterThan(0.05);
  });

  // Critical values of U for a two-tailed test at 5% (standard tables, e.g.
  // http://www.pc.rhul.ac.uk/staff/J.Zanker/teach/PS101/nonparam/tsld006.htm for 5 and 8): U <= 5 rejects for 6 and 6,
  // U <= 6 for 5 and 8. The exact p is on either side of 0.05 at the critical value and one above it.
  it.each([
    [6, 6, 5],
    [5, 8, 6],
  ])('%i and %i values: U = %i is the largest significant at 5%%', (n1, n2, critical) => {
    expect(mannWhitneyU(...samplesWithU(n1, n2, critical)).p).toBeLessThanOrEqual(0.05);
    expect(mannWhitneyU(...samplesWithU(n1, n2, critical + 1)).p).toBeGreaterThan(0.05);
    // The exact values the tables come from: 2 x 19 of the C(12, 6) = 924 orderings, 2 x 29 of the C(13, 5) = 1287.
    const exact = n1 === 6 ? (2 * 19) / 924 : (2 * 29) / 1287;
    expect(mannWhitneyU(...samplesWithU(n1, n2, critical)).p).toBeCloseTo(exact, 14);
  });

  it('matches R\'s wilcox.test example (Hollander & Wolfe 1973, p. 69): W = 35, exact one-sided p = 0.1272', () => {
    // R, ?wilcox.test: x = permeability at term, y = at 12 to 26 weeks; wilcox.test(x, y, alternative = "g") prints
    // W = 35, p-value = 0.1272. The exact distribution is symmetric, so the two-sided p is twice that: 764/3003.
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const result = mannWhitneyU(x, y);
    expect(result.u).toBe(35);
    expect(result.p / 2).toBeCloseTo(0.1272, 4);
    expect(result.p).toBeCloseTo(764 / 3003, 14);
    // The normal approximation with continuity correction would say 2 Q((35 - 25 - 0.5) / sqrt(50 * 16 / 12)) = 0.2446:
    // without ties and with samples this small the test uses the exact distribution instead.
    expect(Math.abs(result.p - 0.2446)).toBeGreaterThan(0.009);
  });

  it('matches R\'s wilcox.test(extra ~ group, data = sleep): W = 25.5, p = 0.06933 (ties, so normal)', () => {
    // Student (1908) / Cushny & Peebles sleep data, R's datasets::sleep; R prints
    // "Wilcoxon rank sum test with continuity correction ... W = 25.5, p-value = 0.06933".
    const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const result = mannWhitneyU(drug1, drug2);
    expect(result.u).toBe(25.5);
    expect(result.p).toBeCloseTo(0.06933, 5);
  });

  // benchstat's own checks, go-moremath stats/utest_test.go (its U is the smaller of the two).
  it('matches benchstat\'s exact small-sample values', () => {
    const s1 = [2, 1, 3, 5];
    const s2 = [12, 11, 13, 15];
    const s3 = [0, 4, 6, 7];
    expect(mannWhitneyU(s1, s2)).toEqual({ u: 0, p: expect.closeTo(0.028571428571428577, 14) });
    expect(mannWhitneyU(s1, s3)).toEqual({ u: 5, p: expect.closeTo(0.48571428571428577, 14) });
  });

  it('matches benchstat\'s normal approximation for 500 and 600 values, with and without ties', () => {
    // l1 <- seq(0, 499)*2; l2 <- seq(0, 599)*2 - 41; l3 <- l2; l3[1:30] <- l1[1:30]
    const l1 = Array.from({ length: 500 }, (_, i) => i * 2);
    const l2 = Array.from({ length: 600 }, (_, i) => i * 2 - 41);
    const l3 = [...l1.slice(0, 30), ...l2.slice(30)];
    const untied = mannWhitneyU(l1, l2);
    expect(Math.min(untied.u, 500 * 600 - untied.u)).toBe(135250);
    expect(untied.p).toBeCloseTo(0.0049335360814172224, 12);
    const tied = mannWhitneyU(l1, l3);
    expect(Math.min(tied.u, 500 * 600 - tied.u)).toBe(134845);
    expect(tied.p).toBeCloseTo(0.0038703814239617884, 12);
  });

  it('gives benchstat\'s minimum p for n against n completely separated values: 2 / C(2n, n)', () => {
    // golang.org/x/perf benchmath/anone.go, uTestMinP (generated by mktables.go).
    const uTestMinP = [1, 0.3333333333333333, 0.1, 0.02857142857142857, 0.007936507936507936, 0.0021645021645021645,
      0.0005827505827505828, 0.0001554001554001554, 4.113533525298231e-5];
    uTestMinP.forEach((minimumP, index) => {
      const n = index + 1;
      const low = Array.from({ length: n }, (_, i) => i);
      const high = low.map((value) => value + n);
      expect(mannWhitneyU(low, high)).toEqual({ u: 0, p: expect.closeTo(minimumP, 15) });
    });
  });

  it('at the exact limit (50 and 50, no ties) the exact p is close to the normal approximation', () => {
    // U = 1035: 2 Q((1250 - 1035 - 0.5) / sqrt(50 * 50 * 101 / 12)) = 0.139214 (continuity-corrected normal);
    // the exact value, 0.1397058, agrees with scipy.stats.mannwhitneyu(method="exact").
    const a = Array.from({ length: 50 }, (_, i) => i * 2);
    const b = a.map((value) => value + 9);
    const result = mannWhitneyU(a, b);
    expect(result.u).toBe(1035);
    expect(result.p).toBeCloseTo(0.1397058082543511, 12);
    expect(Math.abs(result.p - 0.139214)).toBeLessThan(0.001);
  });

  it('is symmetric in its samples: the same p, and the two U add up to n1 n2', () => {
    const cases: [number[], number[]][] = [
      [[12, 6, 5, 4, 3, 2], [11, 10, 9, 8, 7, 1]],
      [[1, 2, 2, 3, 5], [2, 4, 4, 6]],
      [[0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], [1.15, 0.88, 0.9, 0.74, 1.21]],
      [Array.from({ length: 70 }, (_, i) => i % 17), Array.from({ length: 55 }, (_, i) => (i * 3) % 19)],
    ];
    for (const [a, b] of cases) {
      const forward = mannWhitneyU(a, b);
      const backward = mannWhitneyU(b, a);
      expect(forward.p).toBe(backward.p);
      expect(forward.u + backward.u).toBe(a.length * b.length);
      expect(forward.u).toBe(countPairs(a, b));
    }
  });

  it('gives p = 1 for identical samples and when every value is equal', () => {
    expect(mannWhitneyU([1, 2, 3, 4], [4, 3, 2, 1])).toEqual({ u: 8, p: 1 });
    expect(mannWhitneyU([2, 2, 2], [2, 2])).toEqual({ u: 3, p: 1 });
  });

  it('rejects an empty sample, or NaN, with a RangeError naming it', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
    expect(() => mannWhitneyU([], [1])).toThrow(/\ba\b/);
    expect(() => mannWhitneyU([1], [])).toThrow(/\bb\b/);
    expect(() => mannWhitneyU([1, NaN], [2])).toThrow(RangeError);
  });
});

/** The number of ways to choose fewer than k of n: the count behind P(Binomial(n, 1/2) < k). */
function binomialLowerTail(n: number, k: number): bigint {
  let choose = 1n;
  let sum = 0n;
  for (let i = 0; i < k; i++) {
    sum += choose;
    choose = (choose * BigInt(n - i)) / BigInt(i + 1);
  }
  return sum;
}

/** U by its definition: the pairs (x of a, y of b) with x > y, ties counting 1/2. */
function countPairs(a: readonly number[], b: readonly number[]): number {
  let pairs = 0;
  for (const x of a) for (const y of b) pairs += x > y ? 1 : x === y ? 0.5 : 0;
  return pairs;
}

/** Tie-free samples of n1 and n2 values whose U is u. */
function samplesWithU(n1: number, n2: number, u: number): [number[], number[]] {
  const b = Array.from({ length: n2 }, (_, i) => i + 1);
  let left = u;
  const a = Array.from({ length: n1 }, (_, i) => {
    const beaten = Math.min(n2, left);
    left -= beaten;
    return beaten + 0.5 + i / 100;
  });
  return [a, b];
}

/** A small seeded generator of uniform numbers in [0, 1), so the coverage check is reproducible. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
