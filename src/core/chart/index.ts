// Score chart (one participant's or pathway's scores, session by session): data preparation and webview protocol.
export * from './protocol';
export { prepareChart, type PrepareOptions } from './prepare';
export { runEngine, type EngineView } from './engine';
export { chartCsv, CHART_CSV_COLUMNS } from './csv';
export { builtinChartConfig, parseChartConfig, shapeFor, type ChartConfig } from './config';
export { selectionForCell } from './selection';
