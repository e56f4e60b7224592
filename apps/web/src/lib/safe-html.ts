/**
 * A second line of defence for post and comment HTML. The server renders markdown with raw HTML
 * escaped and only a handful of tags; this keeps exactly that set here too, so a server bug or an
 * old row can never put script, event handlers, images or `javascript:` links into the page.
 *
 * It parses with DOMParser, whose document is inert: nothing in it runs or loads.
 */

const ALLOWED: Record<string, readonly string[]> = {
  P: [],
  BR: [],
  STRONG: [],
  EM: [],
  S: [],
  DEL: [],
  CODE: ['class'],
  PRE: [],
  UL: [],
  OL: ['start'],
  LI: [],
  BLOCKQUOTE: [],
  HR: [],
  A: ['href', 'rel', 'title'],
};

/** Elements whose content is dropped along with them, rather than kept as text. */
const DROP_WITH_CONTENT = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
]);

const SAFE_LINK = /^(?:https?:|mailto:|\/(?!\/)|#)/i;
const LINK_REL = 'nofollow ugc noopener noreferrer';

function safeHref(raw: string): string | null {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"): strip them first.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
  const href = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return SAFE_LINK.test(href) ? raw.trim() : null;
}

function clean(node: Node, doc: Document): void {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === Node.TEXT_NODE) continue;
    if (child.nodeType !== Node.ELEMENT_NODE) {
      child.remove();
      continue;
    }
    const element = child as Element;
    const tag = element.tagName.toUpperCase();
    const allowed = ALLOWED[tag];
    if (!allowed) {
      if (DROP_WITH_CONTENT.has(tag)) {
        element.remove();
      } else {
        // Unknown wrapper: keep its text, lose the element.
        clean(element, doc);
        element.replaceWith(...element.childNodes);
      }
      continue;
    }
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      const keep =
        allowed.includes(name) &&
        (name !== 'class' || /^language-[\w-]+$/.test(attribute.value)) &&
        (name !== 'start' || /^\d{1,6}$/.test(attribute.value));
      if (!keep) element.removeAttribute(attribute.name);
    }
    if (tag === 'A') {
      const href = safeHref(element.getAttribute('href') ?? '');
      if (href === null) {
        element.replaceWith(doc.createTextNode(element.textContent ?? ''));
        continue;
      }
      element.setAttribute('rel', LINK_REL);
    }
    clean(element, doc);
  }
}

const cache = new Map<string, string>();
const CACHE_MAX = 500;

/** The server's HTML with anything outside the allowed set removed. Memoised: feeds re-render often. */
export function safeHtml(html: string): string {
  const hit = cache.get(html);
  if (hit !== undefined) return hit;
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  clean(doc.body, doc);
  const result = doc.body.innerHTML;
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(html, result);
  return result;
}
