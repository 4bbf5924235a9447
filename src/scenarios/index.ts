// Every scenario by name.
import { counter } from './counter.js';
import { pair } from './pair.js';
import { parity } from './parity.js';
import type { Scenario, ScenarioName } from './scenario.js';

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = { pair, counter, parity };
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];
