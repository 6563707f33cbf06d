import { fireEvent, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INACTIVITY_TIMEOUT_MS, useInactivityLogout } from './useInactivityLogout';

describe('useInactivityLogout', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls onIdle once after the timeout without activity', () => {
    const onIdle = vi.fn();
    renderHook(() => useInactivityLogout(onIdle));
    vi.advanceTimersByTime(INACTIVITY_TIMEOUT_MS - 30_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(INACTIVITY_TIMEOUT_MS * 2);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('starts counting again on each key press or click', () => {
    const onIdle = vi.fn();
    renderHook(() => useInactivityLogout(onIdle));
    vi.advanceTimersByTime(INACTIVITY_TIMEOUT_MS - 60_000);
    fireEvent.keyDown(document.body, { key: 'a' });
    vi.advanceTimersByTime(INACTIVITY_TIMEOUT_MS - 60_000);
    fireEvent.pointerDown(document.body);
    vi.advanceTimersByTime(INACTIVITY_TIMEOUT_MS - 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(120_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('checks when the tab becomes visible again (timers sleep in background tabs)', () => {
    const onIdle = vi.fn();
    renderHook(() => useInactivityLogout(onIdle, 60_000));
    // The clock moves on while no timer runs, as after a laptop's sleep.
    vi.setSystemTime(Date.now() + 120_000);
    fireEvent(document, new Event('visibilitychange'));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stops watching when unmounted', () => {
    const onIdle = vi.fn();
    const { unmount } = renderHook(() => useInactivityLogout(onIdle));
    unmount();
    vi.advanceTimersByTime(INACTIVITY_TIMEOUT_MS * 2);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
