import { render } from '@testing-library/react';
import { BreakableName, nameSegments, truncateMiddle } from './BreakableName';

describe('nameSegments', () => {
  it('splits after dots, underscores, slashes and hyphens', () => {
    expect(nameSegments('sim-marketing.raw_orders/v2')).toEqual([
      'sim-',
      'marketing.',
      'raw_',
      'orders/',
      'v2',
    ]);
    expect(nameSegments('orders')).toEqual(['orders']);
  });
});

describe('BreakableName', () => {
  it('offers a line break after each separator and keeps the text whole', () => {
    const { container } = render(
      <span>
        <BreakableName name="sim-marketing.raw_orders" />
      </span>,
    );
    const span = container.firstElementChild!;
    expect(span.textContent).toBe('sim-marketing.raw_orders');
    expect(span.querySelectorAll('wbr')).toHaveLength(3);
    expect(span.innerHTML).toBe('sim-<wbr>marketing.<wbr>raw_<wbr>orders');
  });

  it('draws a name without separators as it is', () => {
    const { container } = render(
      <span>
        <BreakableName name="orders" />
      </span>,
    );
    expect(container.firstElementChild!.innerHTML).toBe('orders');
  });
});

describe('truncateMiddle', () => {
  it('leaves a name that fits', () => {
    expect(truncateMiddle('raw.orders', 20)).toBe('raw.orders');
  });

  it('keeps the last segments, which tell names of one family apart', () => {
    const a = truncateMiddle('sim-marketing-data.staging.orders_daily', 24);
    const b = truncateMiddle('sim-marketing-data.staging.customers', 24);
    expect(a).toBe('sim-…taging.orders_daily');
    expect(b).toBe('sim-ma…staging.customers');
    expect(a.length).toBeLessThanOrEqual(24);
    expect(b.length).toBeLessThanOrEqual(24);
  });

  it('keeps more of the end rather than leave room unused', () => {
    expect(
      truncateMiddle('sim-payments-data.payments_data.clicks_deduped', 17),
    ).toBe('sim-…icks_deduped');
  });

  it('cuts inside a last segment too long to keep whole', () => {
    const text = truncateMiddle('sim.a_very_long_segment_without_end', 16);
    expect(text).toHaveLength(16);
    expect(text).toMatch(/^sim\.…/);
    expect(text.endsWith('without_end')).toBe(true);
  });
});
