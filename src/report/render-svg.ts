// A Vega-Lite specification to SVG, in Node: compiled to Vega and rendered headless, so the page needs no script.
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  axis: { labelFontSize: 10, titleFontSize: 11 },
  header: { labelFontSize: 11 },
  legend: { labelFontSize: 11, labelLimit: 400 },
};

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vega = compile({ ...spec, config: { ...CONFIG, ...spec.config } } as TopLevelSpec).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
