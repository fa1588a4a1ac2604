import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import { trpc } from './trpc';

/** Changes that arrive close together cost one refetch: well inside the 2-second promise. */
const COALESCE_MS = 150;
/** How long the stream may be down before the header says so (a reconnect usually takes less). */
const PAUSED_AFTER_MS = 2_000;
/** A stream that ended or failed for good is reopened after this, doubling up to a minute. */
const RESTART_MS = [2_000, 4_000, 8_000, 15_000, 30_000, 60_000];

/**
 * Refetches what is on screen after a change, coalescing bursts. `ready` (a stream opened) and `resync`
 * (a stream resumed) refetch too: whatever was loaded before the stream was listening, or while it was
 * down, may be out of date. That is one extra refetch per page load and per reconnect, never a poll.
 */
class LiveRefresher {
  private pending: number | undefined;

  constructor(private readonly queryClient: QueryClient) {}

  onEvent() {
    this.refresh();
  }

  dispose() {
    window.clearTimeout(this.pending);
  }

  private refresh() {
    if (this.pending !== undefined) return;
    const run = () => {
      // A write of this tab's own is in flight: it refetches when it settles, and refetching under its
      // optimistic update would make the screen flicker back.
      if (this.queryClient.isMutating() > 0) {
        this.pending = window.setTimeout(run, COALESCE_MS);
        return;
      }
      this.pending = undefined;
      // A hidden tab only marks its data stale; it refetches when it is looked at again.
      void this.queryClient.invalidateQueries({ refetchType: document.visibilityState === 'hidden' ? 'none' : 'active' });
    };
    this.pending = window.setTimeout(run, COALESCE_MS);
  }
}

/**
 * Live updates (docs/decisions/013-live-updates.md): keeps one server-sent-event stream open while
 * signed in, and refetches what is on screen when anyone commits a change. Returns whether the stream
 * has been down a while (the header shows it). No polling: a stream that cannot reopen by itself is
 * reopened after a wait that doubles each time.
 */
export function useLiveUpdates(): { paused: boolean } {
  const queryClient = useQueryClient();
  const [refresher] = useState(() => new LiveRefresher(queryClient));
  useEffect(() => () => refresher.dispose(), [refresher]);

  const { status, reset } = useSubscription(
    trpc.live.changes.subscriptionOptions(undefined, { onData: () => refresher.onEvent() }),
  );

  const restarts = useRef(0);
  useEffect(() => {
    if (status === 'pending') restarts.current = 0;
    // `connecting` retries by itself; `idle` (the server ended the stream) and `error` do not.
    if (status !== 'idle' && status !== 'error') return;
    const delay = RESTART_MS[Math.min(restarts.current, RESTART_MS.length - 1)]!;
    restarts.current += 1;
    const timer = window.setTimeout(reset, delay);
    return () => window.clearTimeout(timer);
  }, [status, reset]);

  const down = status !== 'pending';
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!down) return;
    const timer = window.setTimeout(() => setLate(true), PAUSED_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
      setLate(false);
    };
  }, [down]);
  return { paused: down && late };
}
