// The public API: re-exports only.
export { classify, COPY_MODES, memcpy, type CopyMode } from './memcpy.js';
export { runTearing } from './experiment.js';
export { DEFAULTS, type TearingOptions } from './options.js';
export type { Cell, CellKey, CellSummary, MedianEstimate, ProportionEstimate, TearingResult, Trial, Verdict } from './results.js';
export { alternateTrials, runAlternating, runTrials, type Alternation, type RunReport, type TrialFailure } from './trials.js';
export { checkResultsFile, readResultsFile, ResultsFileError, SCHEMA_PATH, SCHEMA_VERSION, type ResultsFile } from './results-file.js';
export { compare, type ComparedFile, type Comparison } from './compare.js';
export { formatComparisonMarkdown, formatComparisonText } from './compare-format.js';
export { environment, type Environment } from './environment.js';
export { MODE_ALIASES, MODE_NAMES, STRATEGIES, type ModeName } from './modes/index.js';
export type { NativeCounters } from './native.js';
export { runScenario, resolveScenario, type ScenarioRequest, type ScenarioResult } from './scenarios/run-scenario.js';
export { SCENARIO_NAMES, SCENARIOS } from './scenarios/index.js';
export type { ScenarioName, VariantName } from './scenarios/scenario.js';
