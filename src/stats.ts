// Small statistics shared by the experiment and the bench, and the ones that compare machines: intervals for
// torn fractions (Wilson, and the exact bound when nothing tore), the distribution-free interval for a median,
// and the Mann-Whitney U test.

/** The median of the finite values (NaN when there are none). */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The two-sided Wilson score interval for the proportion of `successes` in `trials` ({0, 1} for no trials). */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidence = 0.95,
): { lower: number; upper: number } {
  checkCount('successes', successes);
  checkCount('trials', trials);
  if (successes > trials) throw new RangeError(`successes (${successes}) must not exceed trials (${trials})`);
  checkConfidence(confidence);
  if (trials === 0) return { lower: 0, upper: 1 };
  const z = normalUpperQuantile((1 - confidence) / 2);
  // The upper bound is taken as 1 minus the failures' lower bound so that it is exactly 1 when every trial succeeds.
  return { lower: wilsonLowerBound(successes, trials, z), upper: 1 - wilsonLowerBound(trials - successes, trials, z) };
}

function wilsonLowerBound(successes: number, trials: number, z: number): number {
  const zSquared = z * z;
  const center = (successes + zSquared / 2) / (trials + zSquared);
  const halfWidth = (z * Math.sqrt((successes * (trials - successes)) / trials + zSquared / 4)) / (trials + zSquared);
  return Math.max(0, center - halfWidth);
}

/** The exact one-sided upper bound on a proportion after 0 successes in `trials`: 1 - (1 - confidence)^(1/trials). */
export function zeroUpperBound(trials: number, confidence = 0.95): number {
  checkCount('trials', trials);
  checkConfidence(confidence);
  // expm1 and log1p keep the digits that 1 - (1 - confidence)^(1/trials) loses when trials is large.
  return -Math.expm1(Math.log1p(-confidence) / trials);
}

/** The order-statistic confidence interval for the median of the finite values, or null when they are too few. */
export function medianInterval(
  values: readonly number[],
  confidence = 0.95,
): { lower: number; upper: number; confidence: number } | null {
  checkConfidence(confidence);
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  // The count B of values below the population median is Binomial(n, 1/2), so the k-th smallest and the k-th largest
  // values bracket the median with probability 1 - 2 P(B < k); take the largest k that still reaches the confidence.
  // This is benchstat's interval (go-moremath stats.QuantileCI), kept symmetric and exact at every n: benchstat
  // drops the upper order statistic by one where that still reaches the confidence (n = 8 at 95%), and uses a
  // normal approximation above 30 values.
  let logProbabilityOfK = -n * Math.LN2; // log P(B = 0), in logs so that large n does not underflow
  let probabilityBelowK = 0;
  let interval: { lower: number; upper: number; confidence: number } | null = null;
  for (let k = 1; 2 * k <= n; k++) {
    probabilityBelowK += Math.exp(logProbabilityOfK);
    const coverage = 1 - 2 * probabilityBelowK;
    if (coverage < confidence) break;
    interval = { lower: sorted[k - 1], upper: sorted[n - k], confidence: coverage };
    logProbabilityOfK += Math.log((n - k + 1) / k);
  }
  return interval;
}

/** Without ties and with both samples this small, mannWhitneyU uses the exact distribution of U, as benchstat does. */
const EXACT_U_MAX_SAMPLE = 50;

/** The two-sided Mann-Whitney U test: u counts the pairs (x of a, y of b) with x > y, ties counting 1/2. */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): { u: number; p: number } {
  checkSample('a', a);
  checkSample('b', b);
  const pooled = [
    ...a.map((value) => ({ value, inA: true })),
    ...b.map((value) => ({ value, inA: false })),
  ].sort((x, y) => x.value - y.value);
  const n = pooled.length;
  let rankSumOfA = 0;
  let tieSum = 0; // the sum of t^3 - t over the groups of t equal values
  for (let start = 0; start < n; ) {
    let end = start;
    let countInA = 0;
    for (; end < n && pooled[end].value === pooled[start].value; end++) if (pooled[end].inA) countInA++;
    rankSumOfA += (countInA * (start + 1 + end)) / 2; // each value of the group has the mean of ranks start+1..end
    tieSum += (end - start) ** 3 - (end - start);
    start = end;
  }
  const pairs = a.length * b.length;
  const u = rankSumOfA - (a.length * (a.length + 1)) / 2;
  if (tieSum === 0 && a.length <= EXACT_U_MAX_SAMPLE && b.length <= EXACT_U_MAX_SAMPLE) {
    return { u, p: exactUPValue(a.length, b.length, Math.min(u, pairs - u)) };
  }
  const variance = (pairs / 12) * (n + 1 - tieSum / (n * (n - 1)));
  if (variance === 0) return { u, p: 1 }; // every value is equal: nothing tells the samples apart
  const z = Math.max(0, Math.abs(u - pairs / 2) - 0.5) / Math.sqrt(variance);
  return { u, p: 2 * normalUpperTail(z) };
}

// Under the null hypothesis without ties every interleaving of the two samples is equally likely, and the number of
// interleavings with each U is a coefficient of the Gaussian binomial [n1 + n2 choose n1](q), the product over
// i = 1..n1 of (1 - q^(n2 + i)) / (1 - q^i); BigInt keeps the counts exact.
function exactUPValue(n1: number, n2: number, smallerU: number): number {
  const factors = Math.min(n1, n2);
  const other = Math.max(n1, n2);
  const maxU = n1 * n2;
  const counts = new Array<bigint>(maxU + 1).fill(0n);
  counts[0] = 1n;
  for (let i = 1; i <= factors; i++) {
    for (let u = maxU; u >= other + i; u--) counts[u] -= counts[u - other - i];
    for (let u = i; u <= maxU; u++) counts[u] += counts[u - i];
  }
  let lowerTail = 0n;
  for (let u = 0; u <= smallerU; u++) lowerTail += counts[u];
  const total = counts.reduce((sum, count) => sum + count, 0n);
  return Math.min(1, (2 * Number(lowerTail)) / Number(total));
}

/** P(Z > z) for a standard normal Z and z >= 0. */
function normalUpperTail(z: number): number {
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  if (z < NORMAL_TAIL_SWITCH) {
    // P(0 < Z < z) = density * (z + z^3/3 + z^5/(3*5) + ...), a series of positive terms (Marsaglia, 2004).
    let term = z;
    let sum = z;
    for (let odd = 3; ; odd += 2) {
      term *= (z * z) / odd;
      if (sum + term === sum) break;
      sum += term;
    }
    return 0.5 - density * sum;
  }
  // Laplace's continued fraction P(Z > z) = density / (z + 1/(z + 2/(z + 3/(z + ...)))), evaluated from the bottom.
  let denominator = z;
  for (let k = NORMAL_TAIL_FRACTION_DEPTH; k >= 1; k--) denominator = z + k / denominator;
  return density / denominator;
}

// Below 3 the series converges fast; from 3 up, 100 levels of the fraction are exact to double precision.
const NORMAL_TAIL_SWITCH = 3;
const NORMAL_TAIL_FRACTION_DEPTH = 100;

/** The z >= 0 with P(Z > z) = p, for 0 < p <= 1/2, by bisection down to adjacent doubles. */
function normalUpperQuantile(p: number): number {
  let below = 0;
  let above = 40; // P(Z > 40) underflows to 0
  for (;;) {
    const middle = (below + above) / 2;
    if (middle === below || middle === above) return middle;
    if (normalUpperTail(middle) > p) below = middle;
    else above = middle;
  }
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  }
}

function checkSample(name: string, values: readonly number[]): void {
  if (values.length === 0) throw new RangeError(`${name} must not be empty`);
  if (values.some(Number.isNaN)) throw new RangeError(`${name} must not contain NaN`);
}
