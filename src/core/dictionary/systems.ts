// How each code system is named to a reader (hover, CLI, reports).
import type { CodeSystem } from './types';

export const CODE_SYSTEM_NAMES: Record<CodeSystem, string> = {
  national: 'national code',
  snomed: 'SNOMED CT',
  icd10: 'ICD-10',
  'icd10-or-snomed': 'ICD-10 or SNOMED CT',
  derived: 'NHS England derived value',
  iso639: 'ISO 639 language code',
  'free-text-group': 'grouped free text',
};
