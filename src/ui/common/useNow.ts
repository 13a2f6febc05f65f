import { useEffect, useState } from 'react';

/** performance.now(), refreshed every intervalMs: for elapsed times and ETAs that tick. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
