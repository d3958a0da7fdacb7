import { dateRangeToIso } from './dateRange';

describe('dateRangeToIso', () => {
  it('starts at local midnight and includes the end date', () => {
    expect(dateRangeToIso({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 11, 1).toISOString(),
    });
  });

  it('leaves out what was not picked or cannot be read', () => {
    expect(dateRangeToIso({ from: '', to: '' })).toEqual({});
    expect(dateRangeToIso({ from: 'soon', to: '2026-02-28' })).toEqual({
      to: new Date(2026, 2, 1).toISOString(),
    });
  });
});
