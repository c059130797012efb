import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { pageInfo } from './page-info.ts';
import { Pager } from './pager.tsx';

describe('pageInfo', () => {
  it.each([
    [312, 1, 50, { from: 1, to: 50, page: 1, pages: 7, previous: null, next: 51, last: 301 }],
    [312, 51, 50, { from: 51, to: 100, page: 2, pages: 7, previous: 1, next: 101, last: 301 }],
    [312, 301, 50, { from: 301, to: 312, page: 7, pages: 7, previous: 251, next: null, last: 301 }],
    [0, 1, 25, { from: 0, to: 0, page: 1, pages: 1, previous: null, next: null, last: 1 }],
    [25, 1, 25, { from: 1, to: 25, page: 1, pages: 1, previous: null, next: null, last: 1 }],
    [26, 26, 25, { from: 26, to: 26, page: 2, pages: 2, previous: 1, next: null, last: 26 }],
    // A page past the end (rows were deleted meanwhile): nothing shown, the way back is open.
    [10, 26, 25, { from: 0, to: 0, page: 1, pages: 1, previous: 1, next: null, last: 1 }],
    // startIndex not on a page boundary (the API allows any): previous never goes below 1.
    [100, 10, 25, { from: 10, to: 34, page: 1, pages: 4, previous: 1, next: 35, last: 76 }],
  ])('total %i, start %i, count %i', (total, start, count, want) => {
    expect(pageInfo(total, start, count)).toEqual(want);
  });
});

describe('<Pager>', () => {
  it('says what is shown and moves by pages', () => {
    const onPage = vi.fn();
    render(<Pager total={312} startIndex={51} count={50} onPage={onPage} noun="users" />);
    expect(screen.getByText(/Showing 51–100 of 312 users · page 2 of 7/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    fireEvent.click(screen.getByRole('button', { name: 'Last' }));
    fireEvent.click(screen.getByRole('button', { name: 'First' }));
    expect(onPage.mock.calls).toEqual([[101], [1], [301], [1]]);
    expect(screen.getByRole('navigation', { name: 'Pages of users' })).toBeTruthy();
  });

  it('disables the buttons that lead nowhere, and hides them for one page', () => {
    const { rerender } = render(
      <Pager total={60} startIndex={1} count={50} onPage={() => {}} noun="groups" />,
    );
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
    rerender(<Pager total={3} startIndex={1} count={50} onPage={() => {}} noun="groups" />);
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();
    expect(screen.getByText('Showing 1–3 of 3 groups')).toBeTruthy();
  });
});
