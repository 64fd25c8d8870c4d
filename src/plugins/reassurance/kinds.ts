/** The reassurance kinds the plugin reports (SIGNALS.md §4.11). */
export const KINDS = [
  'security',
  'payment_logos',
  'trust_seal',
  'returns',
  'shipping',
  'reviews',
  'contact',
  'guarantee',
] as const;

/** One of {@link KINDS}. */
export type ReassuranceKind = (typeof KINDS)[number];

// Text packs, English and French, matched against folded text (foldText: no accents, lower
// case). Word boundaries keep "aide" out of "aider" and "ssl" out of words that contain it.
const TEXT: Partial<Record<ReassuranceKind, RegExp>> = {
  security:
    /\b(secure (checkout|payment|shopping|transactions?|site)|ssl|encrypt(ed|ion)|256[- ]?bits?|pci[- ]?dss|3[- ]?d ?secure|paiements? (100 ?% )?securises?|transactions? securisees?|site securise|donnees (bancaires )?(protegees|chiffrees)|chiffrement|cryptage)\b/,
  trust_seal:
    /\b(norton|mcafee|trustpilot|trusted ?shops|verisign|sitelock|avis verifies|ekomi|google customer reviews)\b/,
  returns:
    /\b(free returns?|easy returns?|\d+[- ]days? (free )?returns?|returns? (within|in|up to) \d+|hassle[- ]free returns?|refunds?|free exchanges?|retours? (gratuits?|offerts?|faciles?|simplifies?|sous \d+|jusqu'a \d+)|\d+ jours pour (changer d'avis|retourner|echanger)|retour (gratuit|offert)|echanges? (gratuits?|faciles?)|remboursements?)\b/,
  shipping:
    /\b(free (shipping|delivery)|ships? (in|within|today|tomorrow)|arrives? (by|on|in)|delivery (in|within|by|estimate|time)|estimated delivery|next[- ]day delivery|express delivery|shipping (costs?|fees?|rates?|options)|delivered (in|within|by|tomorrow)|livraison (gratuite|offerte|express|rapide|en \d+|sous \d+|a domicile|estimee|prevue|le|demain|24h|48h|72h)|expedie(e|s)? (sous|en|aujourd'hui|demain)|frais de (port|livraison)|livre(e|s)? (sous|en|demain|le|chez vous))\b/,
  reviews:
    /(\b\d([.,]\d)? ?(\/ ?5|out of 5|sur 5|stars?|etoiles?)\b|\b\d[\d\s.,]* (customer |verified )?(reviews?|ratings?|avis|notes|evaluations)\b|\b(customer reviews|avis clients?|avis verifies|note moyenne|reviews?)\b|[★⭐]{3,})/,
  contact:
    /\b(contact us|contact|help ?(center|centre|desk)?|faq|live chat|chat with us|call us|customer (service|support|care)|need help|nous contacter|contactez[- ]nous|service clients?|aide|besoin d'aide|chat en direct|appelez[- ]nous)\b|(\+33 ?|\b0)[1-9]([ .]?\d\d){4}\b|\+?\b1?[ -]?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b/,
  guarantee:
    /\b(guarantee[ds]?|warranty|price match|money[- ]back|garanties?|satisfait ou rembourse|meilleur prix|prix bas garanti)\b/,
};

// Image `alt`, `title`, `aria-label` and file names: payment marks and seals are logos.
const IMAGE: Partial<Record<ReassuranceKind, RegExp>> = {
  payment_logos:
    /\b(visa|master ?card|amex|american express|paypal|apple ?pay|google ?pay|klarna|maestro|carte bancaire|carte bleue|cb|bancontact|ideal|alma|sofort|discover)\b/,
  trust_seal: TEXT.trust_seal!,
  security: /\b(ssl|secure|securise|padlock|cadenas|lock)\b/,
};

const HREF: Partial<Record<ReassuranceKind, RegExp>> = {
  returns: /\/(returns?|refunds?|retours?|remboursements?)\b/,
  shipping: /\/(shipping|delivery|livraison|expedition)\b/,
  contact: /^(tel|mailto):|\/(contact|help|faq|support|aide|service-client)\b/,
};

/** The kinds a piece of visible text names. */
export function kindsOfText(folded: string): ReassuranceKind[] {
  return matching(TEXT, folded);
}

/** The kinds an image or icon names by its alt text, title, label or file name. */
export function kindsOfImage(folded: string): ReassuranceKind[] {
  return matching(IMAGE, folded.replace(/[-_.]/g, ' '));
}

/** The kinds a link target points to (`/returns`, `tel:`, …). */
export function kindsOfHref(href: string): ReassuranceKind[] {
  return matching(HREF, href.toLowerCase());
}

function matching(pack: Partial<Record<ReassuranceKind, RegExp>>, s: string): ReassuranceKind[] {
  const out: ReassuranceKind[] = [];
  if (!s) return out;
  for (const k of KINDS) if (pack[k]?.test(s)) out.push(k);
  return out;
}
