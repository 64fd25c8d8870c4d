/** True when the browser says Do Not Track or Global Privacy Control (https://globalprivacycontrol.github.io/gpc-spec/). */
export function optedOut(nav: Navigator | undefined, win: Window | undefined): boolean {
  const n = nav as
    (Navigator & { globalPrivacyControl?: boolean; msDoNotTrack?: string }) | undefined;
  const dnt =
    n?.doNotTrack ?? (win as { doNotTrack?: string } | undefined)?.doNotTrack ?? n?.msDoNotTrack;
  return n?.globalPrivacyControl === true || dnt === '1' || dnt === 'yes';
}

const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/g;

/** Removes what looks like a card number or an e-mail address from captured text. */
export function redact(text: string): string {
  return text.replace(CARD, '[card]').replace(EMAIL, '[email]');
}
