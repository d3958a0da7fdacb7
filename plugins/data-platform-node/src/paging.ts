/**
 * A page of one of the metadata service's lists.
 *
 * @public
 */
export type CursorPage<T> = { items: T[]; nextCursor?: string };

/**
 * Every page of a cursor-paginated list, one request at a time and only as
 * the caller asks for the next one, so a consumer holds one page whatever
 * the list's length. `list` gets the cursor of the page to read
 * (undefined for the first).
 *
 * @public
 */
export async function* pagesOf<T>(
  list: (cursor: string | undefined) => Promise<CursorPage<T>>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}
