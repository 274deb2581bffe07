// Validation: NHS England's IAPT v2.0 catalogue (data-driven rule kinds) and the project's own checks, on files
// streamed from disk (CLI, Validate Workspace) or on an editor document's text.
export * from './types';
export { builtinCatalogue, compileCatalogue, severityOf, namesInExpression, type Catalogue } from './catalogue';
export { validateFiles, type ValidateOptions, type ValidationRun, type FileSummary } from './engine';
export { validateText, type TextValidation } from './text';
export { selectRules, ruleGlob, type RuleSelection } from './select';
export { isIsoDate, isTime, isDateTime, isValidNhsNumber, isSnomedId, verhoeffValid } from './values';
export { toSarif, ruleAnchor } from './sarif';
export { validationRulesMarkdown } from './docs';
export { fieldRangeInLine } from './ranges';
