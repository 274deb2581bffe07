// Synthetic IAPT extracts: a deterministic, streaming generator with planted defects and ground truth.
export { generateExtract, GENERATOR_VERSION, MANIFEST_CONVENTIONS, type GenerateOptions, type GenerateResult, type GeneratedFile } from './generate';
export { builtinSynthProfile, parseSynthProfile, synthProfileSchema, type SynthProfile } from './profile';
export { DEFECT_KINDS, excelScientific, type DefectEntry, type DefectKind } from './defects';
export { TRUTH_KEYS, pathwayTruth, adsmForComplaint, type PathwayTruth } from './truth';
export { Prng, hashSeed } from './prng';
export { Simulator } from './simulate';
export { extractPeriods } from './emit';
export { nhsTableSpecs, ukllcTableSpecs, NHS_COLUMNS, UKLLC_SOURCES, type TableSpec } from './tables';
