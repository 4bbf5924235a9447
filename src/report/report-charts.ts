// The Vega-Lite specifications of `tearlab report`'s charts, one per figure, over the rows of report-data.ts.
// Machines are told apart by colour, in the same order in every chart.
import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from './report-data.js';

export interface ChartSpec {
  /** The chart's id in the page (and in the tests that count its marks). */
  id: string;
  title: string;
  /** What to read off it, shown under the title. */
  caption: string;
  spec: TopLevelSpec;
}

const PANEL_WIDTH = 170;
const PANEL_HEIGHT = 130;
/** A dashed line at 1 (no difference), once per panel: the aggregate leaves one row where there were many. */
const REFERENCE_LINE = {
  mark: { type: 'rule', strokeDash: [3, 3], color: 'grey' },
  transform: [{ aggregate: [{ op: 'count', as: 'rows' }] }],
  encoding: { y: { datum: 1 } },
} as const;

/** Row labels read left to right beside their row. */
const ROW_HEADER = { labelAngle: 0, labelAlign: 'left', labelFontWeight: 'bold' } as const;
const STATUS_COLOURS = { 'FORBIDDEN outcome seen': '#d62728', 'tears (INTERESTING)': '#f0a30a', clean: '#2ca02c' };

/** Axis labels for byte counts: 64 B, 4 KiB, 1 MiB. */
const BYTES_LABEL =
  "datum.value >= 1048576 ? format(datum.value / 1048576, '~g') + ' MiB' : datum.value >= 1024 ? format(datum.value / 1024, '~g') + ' KiB' : format(datum.value, '~g') + ' B'";

function machineColour(machines: readonly string[]) {
  return { field: 'machine', type: 'nominal', scale: { domain: [...machines] }, legend: { orient: 'top', title: null, symbolOpacity: 1 } } as const;
}

const sizeAxis = (values: readonly number[]) =>
  ({
    field: 'size',
    type: 'quantitative',
    title: 'copy size',
    scale: { type: 'log', base: 2 },
    axis: { values: [...new Set(values)].sort((a, b) => a - b), labelExpr: BYTES_LABEL },
  }) as const;

/** Lines through each machine's medians (or fractions), with the 95% interval as a band of the same colour. */
function linesWithBands(machines: readonly string[], rows: ReportData['tornFraction'], yTitle: string, yScale: object): TopLevelSpec {
  const x = sizeAxis(rows.map((r) => r.size));
  const color = machineColour(machines);
  return {
    data: { values: rows },
    facet: { row: { field: 'mode', title: null, sort: [...new Set(rows.map((r) => r.mode))], header: ROW_HEADER }, column: { field: 'panel', title: null } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      layer: [
        {
          mark: { type: 'area', opacity: 0.2 },
          transform: [{ filter: 'datum.lower !== null && datum.upper !== null' }],
          encoding: { x, y: { field: 'lower', type: 'quantitative', title: yTitle, scale: yScale }, y2: { field: 'upper' }, color },
        },
        {
          mark: { type: 'line', point: true },
          encoding: { x, y: { field: 'value', type: 'quantitative', title: yTitle, scale: yScale }, color },
        },
      ],
    },
  } as TopLevelSpec;
}

function verdictMatrix(data: ReportData): TopLevelSpec {
  const sizes = [...new Set(data.verdicts.map((r) => r.size))].sort((a, b) => a - b);
  return {
    data: { values: data.verdicts },
    transform: [{ calculate: BYTES_LABEL.replaceAll('datum.value', 'datum.size'), as: 'sizeLabel' }],
    facet: { row: { field: 'machine', title: null, sort: data.machines, header: ROW_HEADER }, column: { field: 'panel', title: null } },
    spec: {
      width: { step: Math.max(60, Math.floor(240 / sizes.length)) },
      encoding: {
        x: { field: 'sizeLabel', type: 'ordinal', title: 'copy size', sort: { field: 'size' }, axis: { labelAngle: 0 } },
        y: { field: 'mode', type: 'nominal', title: null, sort: [...new Set(data.verdicts.map((r) => r.mode))] },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white' },
          encoding: {
            color: {
              field: 'status',
              type: 'nominal',
              scale: { domain: Object.keys(STATUS_COLOURS), range: Object.values(STATUS_COLOURS) },
              legend: { orient: 'top', title: null },
            },
          },
        },
        { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'verdict' } } },
      ],
    },
  } as TopLevelSpec;
}

/**
 * Ratios against a reference (1: no difference, drawn dashed in every panel) per size: a point per machine at the
 * median, a rule over its 95% interval where there is one, and lines joining the points if `joined`.
 */
function ratioChart(machines: readonly string[], rows: readonly { size: number }[], facet: object, yTitle: string, yScale: object, joined: boolean): TopLevelSpec {
  const x = sizeAxis(rows.map((r) => r.size));
  const color = machineColour(machines);
  return {
    data: { values: rows },
    facet,
    spec: {
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      layer: [
        REFERENCE_LINE,
        {
          mark: { type: 'rule' },
          transform: [{ filter: 'datum.lower !== null && datum.upper !== null' }],
          encoding: { x, y: { field: 'lower', type: 'quantitative', scale: yScale }, y2: { field: 'upper' }, color },
        },
        {
          mark: joined ? { type: 'line', point: true } : { type: 'point', filled: true },
          encoding: { x, y: { field: 'value', type: 'quantitative', title: yTitle, scale: yScale }, color },
        },
      ],
    },
  } as TopLevelSpec;
}

/** Bars per machine (rows) and copy size (columns), each panel scaled to its own tallest bar. */
function histogramChart(machines: readonly string[], rows: ReportData['boundaryMod64'], xTitle: string, x: object, barWidth?: number): TopLevelSpec {
  return {
    data: { values: rows },
    transform: [{ calculate: BYTES_LABEL.replaceAll('datum.value', 'datum.size'), as: 'sizeLabel' }],
    facet: { row: { field: 'machine', title: null, sort: [...machines], header: ROW_HEADER }, column: { field: 'sizeLabel', title: 'copy size', sort: { field: 'size' } } },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: PANEL_WIDTH * 1.5,
      height: PANEL_HEIGHT * 0.7,
      mark: barWidth === undefined ? { type: 'bar' } : { type: 'bar', width: barWidth },
      encoding: {
        x: { field: 'bin', title: xTitle, ...x },
        y: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '.0%' } },
        color: machineColour(machines),
        tooltip: [{ field: 'bin' }, { field: 'count' }],
      },
    },
  } as TopLevelSpec;
}

/** A bar per variant and machine, a panel per scenario and setting; the count in the tooltip. */
function scenarioChart(data: ReportData): TopLevelSpec {
  return {
    data: { values: data.scenarios },
    facet: { column: { field: 'panel', title: null, sort: [...new Set(data.scenarios.map((row) => row.panel))] } },
    // Each scenario has its own fix, so its own variants.
    resolve: { scale: { x: 'independent', xOffset: 'independent', y: 'independent' } },
    spec: {
      width: PANEL_WIDTH * 1.5,
      height: PANEL_HEIGHT,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'variant', type: 'nominal', title: null, sort: null, axis: { labelAngle: -30 } },
        xOffset: { field: 'machine', sort: [...data.machines] },
        y: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '.0%' } },
        color: machineColour(data.machines),
        tooltip: [{ field: 'machine' }, { field: 'variant' }, { field: 'count' }, { field: 'share', format: '.2%' }],
      },
    },
  } as TopLevelSpec;
}

/** Every chart the data has rows for, in the page's order. */
export function reportCharts(data: ReportData): ChartSpec[] {
  const charts: ChartSpec[] = [
    {
      id: 'verdicts',
      title: 'Verdicts: mode x size x layout',
      caption: 'Whether any snapshot tore, in every cell of every machine: red where a fix tore (forbidden), amber where tearing is expected, green where none was seen.',
      spec: verdictMatrix(data),
    },
    {
      id: 'torn-fraction',
      title: 'Torn fraction against copy size',
      caption: 'The share of snapshots that tore, pooled over the trials, with its 95% Wilson interval as a band (for zero tears, the exact upper bound).',
      spec: linesWithBands(data.machines, data.tornFraction, 'torn fraction', { zero: true }),
    },
    {
      id: 'torn-per-second',
      title: 'Torn snapshots per second against copy size',
      caption: 'The median over the trials, with its 95% order-statistics interval as a band (6 trials or more).',
      spec: linesWithBands(data.machines, data.tornPerSecond, 'torn/s', { type: 'symlog' }),
    },
  ];
  if (data.fixRates.length > 0) {
    charts.push({
      id: 'fix-rates',
      title: 'What each fix costs: its rates over unlocked',
      caption: 'Each fix\'s reader and writer rate over unlocked\'s in the same configuration, trial by trial (they took turns), as a median with its 95% interval; 1 is no cost.',
      spec: ratioChart(data.machines, data.fixRates, { row: { field: 'mode', title: null, header: ROW_HEADER }, column: { field: 'side', title: null } }, 'fix / unlocked', { zero: true }, false),
    });
  }
  if (data.boundaryMod64.length > 0) {
    charts.push(
      {
        id: 'boundary-mod-64',
        title: 'Tear anatomy: where the boundaries fall in a cache line',
        caption: 'Offsets (from the page) at which a torn snapshot changes from one writer\'s bytes to another\'s, modulo 64, as a share of the boundaries dissected at that size.',
        spec: histogramChart(data.machines, data.boundaryMod64, 'boundary offset mod 64', { type: 'ordinal', axis: { values: [0, 8, 16, 24, 32, 40, 48, 56] } }),
      },
      {
        id: 'boundary-mod-4096',
        title: 'Tear anatomy: where the boundaries fall in a page',
        caption: 'The same boundaries modulo 4096.',
        spec: histogramChart(data.machines, data.boundaryMod4096, 'boundary offset mod 4096', { type: 'quantitative', scale: { domain: [0, 4096] } }, 2),
      },
      {
        id: 'segment-lengths',
        title: 'Tear anatomy: segment lengths',
        caption: 'Lengths of the runs of one writer\'s bytes in the dissected snapshots, in power-of-two buckets (a bar at 2^k counts lengths from 2^k to 2^(k+1) - 1).',
        spec: histogramChart(data.machines, data.segmentLengths, 'segment length (bytes, from)', { type: 'ordinal', axis: { labelExpr: BYTES_LABEL } }),
      },
    );
  }
  if (data.scenarios.length > 0) {
    charts.push({
      id: 'scenarios',
      title: 'The other races: what each variant counted',
      caption: 'Each variant of each scenario ran once per file: inconsistent pairs per checker pass, lost updates per update, odd lengths per check. A fix (global-lock, lock, publish, atomic) must count 0.',
      spec: scenarioChart(data),
    });
  }
  if (data.calibration.length > 0) {
    charts.push({
      id: 'calibration',
      title: 'Calibration: JavaScript-driven against native threads',
      caption: 'Torn/s and writes/s of the JavaScript-driven unlocked run over a native C++ run of the same copies, pair by pair, as a median with its 95% interval; 1 means the harness loses nothing.',
      spec: ratioChart(data.machines, data.calibration, { row: { field: 'ratio', title: null, header: ROW_HEADER }, column: { field: 'batch', title: null } }, 'JavaScript / native', { zero: true }, true),
    });
  }
  return charts;
}
