// Tuning constants of table recognition, in one place. They are heuristics of this project (not facts about
// IAPT; those live in data/iapt-dictionary.json), chosen so that every table of the dictionary is recognised from
// its own columns in both layouts, and a header of unrelated or only generic linking columns is not.

/** Weights of the score (sum 1): share of header columns that are fields of the table ... */
export const WEIGHT_COVERAGE = 0.7;
/** ... share of the table's key fields present (tables without key fields: share of submitted fields) ... */
export const WEIGHT_KEYS = 0.2;
/** ... share of the table's fields present (prefers the tighter fit when the header fits several tables). */
export const WEIGHT_FIELDS = 0.1;

/** At least this share of the (named) header columns must be fields of the table. */
export const MIN_COVERAGE = 0.5;
/** At least this many header columns must be fields of the table. */
export const MIN_RECOGNISED_COLUMNS = 2;
/**
 * At least one recognised column must be distinctive: a field of at most this many tables of the layout.
 * Linking columns shared by most tables (PathwayID, Person_ID, UniqueSubmissionID, cohortkey_e) alone say nothing.
 */
export const DISTINCTIVE_MAX_TABLES = 3;
/** Candidates within this score of the best count as tied (then the file name, then the order, decide). */
export const TIE_EPSILON = 1e-9;
/** Number of runner-up candidates reported with a recognition. */
export const MAX_ALTERNATIVES = 3;
/**
 * The layout suggested by the spelling of the header (lower case / UK LLC-only columns = ukllc) is kept unless
 * the other layout's best table scores more than this much higher.
 */
export const LAYOUT_OVERRIDE_MARGIN = 0.2;
