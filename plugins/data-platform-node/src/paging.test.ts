import { pagesOf } from './paging';

describe('pagesOf', () => {
  it('follows the cursors, one request per page asked for', async () => {
    const pages: Record<string, { items: number[]; nextCursor?: string }> = {
      first: { items: [1, 2], nextCursor: 'b' },
      b: { items: [3], nextCursor: 'c' },
      c: { items: [] },
    };
    const list = jest.fn(async (cursor?: string) => pages[cursor ?? 'first']);
    const iterator = pagesOf(list);
    expect((await iterator.next()).value).toEqual([1, 2]);
    expect(list).toHaveBeenCalledTimes(1);
    const rest: number[][] = [];
    for await (const page of iterator) rest.push(page);
    expect(rest).toEqual([[3], []]);
    expect(list.mock.calls.map(([c]) => c)).toEqual([undefined, 'b', 'c']);
  });

  it('passes a failing request on', async () => {
    const iterator = pagesOf(async () => {
      throw new Error('down');
    });
    await expect(iterator.next()).rejects.toThrow('down');
  });
});
