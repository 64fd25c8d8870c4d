// Prints the scenario table of the README (`node bench/signals/readme-table.mjs`), so the
// README and the ground truth cannot drift apart.
import { SCENARIOS } from './scenarios.mjs';

const short = (k) => k.replace('_click', '');
const label = (e) => {
  const types = [].concat(e.type).map(short).join(' or ');
  const ev = Object.entries(e.evidence ?? {}).map(([k, v]) => `${k}=${v}`);
  const anchor = e.anchor === undefined ? '' : ` @${[].concat(e.anchor).join('/')}`;
  return `${types}${ev.length ? `(${ev.join(', ')})` : ''}${anchor}`;
};

console.log('| ID | Scenario | Devices | Expect | Forbid |');
console.log('| --- | --- | --- | --- | --- |');
for (const s of SCENARIOS) {
  const devices =
    (s.devices ?? ['desktop', 'mobile']).join(', ') + (s.cpu ? `, CPU ÷${s.cpu}` : '');
  const expect = (s.expect ?? []).map(label).join('; ') || '—';
  const forbid = (s.forbid ?? []).map(short).join(', ') || '—';
  console.log(`| ${s.id} | ${s.desc} | ${devices} | ${expect} | ${forbid} |`);
}
