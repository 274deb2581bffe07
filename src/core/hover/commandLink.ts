// The target of a Markdown command link built by the extension itself: `command:<id>?<args>`, with the arguments
// JSON-encoded and percent-encoded so that no character of them can end the link or start markdown syntax. Values
// from data (IDs, folder paths such as "extract (2024)") travel only inside the encoded arguments, never as link text.

/** Characters encodeURIComponent leaves as they are but that end or confuse a Markdown link target. */
const LINK_UNSAFE = /[()'!*~]/g;

/** `command:<id>?<percent-encoded JSON of args>`, safe inside a Markdown link's parentheses. */
export function commandLinkTarget(command: string, args: readonly unknown[]): string {
  const query = encodeURIComponent(JSON.stringify(args))
    .replace(LINK_UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `command:${command}?${query}`;
}
