// Escaping of untrusted text (file content, dictionary entries) for hover markdown.
// Every ASCII punctuation character except the comma (plain in every markdown context) gets a backslash
// (CommonMark treats "\<punct>" as that literal character), so no emphasis, code span, link, image,
// autolink (https\:, www\.), HTML tag, entity or theme icon ($\() can form.
// Line breaks and other control characters become visible symbols so no block (heading, list, rule) can start;
// bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE…) are shown by name, so a value cannot look like another.

const PUNCTUATION = /[\\`*_{}[\]()#+\-.!|<>~"'&$%/:;=?@^]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g;
/** Bidirectional marks, embeddings, overrides and isolates: they reorder what is shown, so they are named instead. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Escape untrusted text for inline use in markdown; the result renders as exactly the input text (one line). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(PUNCTUATION, (c) => '\\' + c)
    .replace(/\r\n|\r|\n/g, ' ↵ ')
    .replace(/\t/g, ' ⇥ ')
    .replace(CONTROL, '\uFFFD')
    .replace(BIDI, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** Shorten untrusted text before escaping so a huge cell cannot produce a huge hover. */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : text.slice(0, max) + '…';
}
