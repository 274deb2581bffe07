// Writes docs/validation-rules.md from the validation data (npm run docs:validation). Run with tsx.
import { writeFileSync, mkdirSync } from 'node:fs';
import { validationRulesMarkdown } from '../src/core/validation/docs';

mkdirSync('docs', { recursive: true });
writeFileSync('docs/validation-rules.md', validationRulesMarkdown());
console.log('wrote docs/validation-rules.md');
