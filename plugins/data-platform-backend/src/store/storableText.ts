// A lone surrogate: a high one not followed by a low one, or a low one not
// preceded by a high one.
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a client's text cannot be compared with stored text, or undefined
 * when it can. PostgreSQL text cannot hold U+0000, so a query binding one
 * fails outright; a lone UTF-16 surrogate has no UTF-8 form, so the driver
 * would quietly turn it into U+FFFD and the query would look for something
 * the client did not ask for.
 */
export function unstorableText(text: string): string | undefined {
  if (text.includes('\u0000')) {
    return 'contains NUL (U+0000), which no stored text can hold';
  }
  if (LONE_SURROGATE.test(text)) {
    return 'contains a lone UTF-16 surrogate, which is not a Unicode character';
  }
  return undefined;
}
