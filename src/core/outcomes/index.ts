// Outcome engine: NHS Talking Therapies recovery, reliable improvement/deterioration and reliable recovery per pathway.
export * from './types';
export * from './schema';
export { Thresholds, ThresholdsError, builtinThresholds, thresholdsWith, parseThresholdsFile, applyOverrides, atCaseness, normaliseComplaintCode } from './thresholds';
export { computePathwayOutcome, decideOutcome, chooseAnxietyMeasure, choosePresentingComplaint, type Period, type OutcomeInputs } from './rules';
export { summarise, addToCounts, emptyCounts, recoveryDenominator, type OutcomeCounts, type OutcomeSummary } from './rates';
export { computeOutcomes, OutcomeInputError, MAX_DISAGREEMENTS, type ComputeOptions, type OutcomeResult } from './compute';
export { tableRole, type OutcomeTableInput, type OutcomeProgress, type LoadHooks } from './load';
export { compareDerived, type Disagreement } from './derived';
export { OUTCOME_CSV_COLUMNS, outcomeCsvFields, outcomeCsvLines, summaryJson, writeFileAtomic } from './output';
export { formatOutcomeReport, badInputLines } from './report';
export { outcomeStore, type StoredOutcomes } from './store';
export type { RowIssueGroup, RowIssueExample } from './issues';
export { explainPathwayScores, seriesFromFacts, type ScoreExplanation, type ScoreNotUsed, type PathwayScoreExplanation } from './explain';
export { LatestExtracts, latestExtractRows, extractPeriodKey, type ExtractDecision } from './extracts';
export { parseScore, compareScorePoints, preferContact, mergedContacts, type ScoreFormatProblem, type ScoreSkip } from './series';
export { factsFromLinkedPathway } from './linked';
