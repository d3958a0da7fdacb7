/*
 * PostgreSQL refuses two things JSON can carry and SQLite takes: the NUL
 * character (text and json cannot hold it) and UTF-16 surrogates without
 * their pair (`"\ud800"`: json refuses the escape, and the driver would
 * send U+FFFD in its place anyway). Both become U+FFFD, the character a
 * UTF-8 decoder puts where it meets bytes it cannot read, so an event is
 * stored and derived alike on both databases, and a NUL stays visible
 * instead of silently joining the characters around it.
 */

/** Whether text may hold what PostgreSQL refuses: a cheap first test. */
export const SUSPECT = /[\0\ud800-\udfff]/;
const UNSTORABLE =
  /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` with NUL and unpaired surrogates replaced by U+FFFD, and how many
 * were replaced.
 */
export function storableText(text: string): {
  text: string;
  replaced: number;
} {
  if (!SUSPECT.test(text)) return { text, replaced: 0 };
  let replaced = 0;
  const result = text.replace(UNSTORABLE, () => {
    replaced++;
    return '\ufffd';
  });
  return { text: result, replaced };
}

/**
 * Why a client's text cannot be compared with stored text, or undefined
 * when it can. PostgreSQL text cannot hold U+0000, so a query binding one
 * fails outright; a lone UTF-16 surrogate has no UTF-8 form, so the driver
 * would quietly turn it into U+FFFD and the query would look for something
 * the client did not ask for.
 */
export function unstorableText(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\u0000')) {
    return 'contains NUL (U+0000), which no stored text can hold';
  }
  if (storableText(text).replaced > 0) {
    return 'contains a lone UTF-16 surrogate, which is not a Unicode character';
  }
  return undefined;
}
