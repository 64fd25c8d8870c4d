/** Undoes what a `start*` function did. */
export type Stop = () => void;

/** Calls every stop function, even when one throws. */
export function stopAll(stops: Stop[]): void {
  for (const stop of stops.splice(0).reverse()) {
    try {
      stop();
    } catch {}
  }
}
