import { type Clock, scaledClock } from '../../src/time/clock.js'

/** A scaled clock that records every sleep, in clock milliseconds. */
export interface RecordingClock extends Clock {
  sleeps: number[]
}

export function recordingClock(scale: number): RecordingClock {
  const clock = scaledClock(scale)
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => clock.now(),
    sleep: (ms, signal) => {
      sleeps.push(ms)
      return clock.sleep(ms, signal)
    },
  }
}
