/**
 * Test helper: the text and the filled paths of an uncompressed PDF made by pdfkit (`compress: false`),
 * read without any PDF tool so the tests run everywhere. Understands exactly what pdfkit and
 * pdf-content.ts write: pages with one content stream, Type0 fonts with a ToUnicode CMap (bfrange
 * arrays) and standard Type1 fonts in WinAnsiEncoding.
 */

export interface PdfPageText {
  /** Each TJ/Tj in drawing order, decoded to Unicode. */
  texts: string[];
  /** The raw content stream (latin1), for checks on drawing operators. */
  content: string;
}

interface PdfObject {
  dict: string;
  stream?: string;
}

export function readPdf(bytes: Buffer): PdfPageText[] {
  const source = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\n/g;
  for (let match = header.exec(source); match; match = header.exec(source)) {
    const start = match.index + match[0].length;
    const streamAt = source.indexOf('\nstream\n', start);
    const endAt = source.indexOf('\nendobj', start);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = source.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? '0');
      const dataStart = streamAt + '\nstream\n'.length;
      objects.set(Number(match[1]), { dict, stream: source.slice(dataStart, dataStart + length) });
      header.lastIndex = dataStart + length;
    } else {
      objects.set(Number(match[1]), { dict: source.slice(start, endAt) });
    }
  }
  const pageIds = pageOrder(objects);
  return pageIds.map((id) => {
    const page = objects.get(id)?.dict ?? '';
    const content = objects.get(refOf(page, 'Contents'))?.stream ?? '';
    const resources = objects.get(refOf(page, 'Resources'))?.dict ?? '';
    const fontBlock = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map<string, (codes: string) => string>();
    for (const [, name, ref] of fontBlock.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      fonts.set(name ?? '', decoderFor(objects, Number(ref)));
    }
    return { texts: textsOf(content, fonts), content };
  });
}

/** All the text of the document, one drawn string per line. */
export function pdfText(bytes: Buffer): string {
  return readPdf(bytes)
    .map((page) => page.texts.join('\n'))
    .join('\n');
}

function refOf(dict: string, key: string): number {
  return Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1] ?? '-1');
}

function pageOrder(objects: Map<number, PdfObject>): number[] {
  for (const object of objects.values()) {
    if (/\/Type \/Pages\b/.test(object.dict)) {
      const kids = /\/Kids \[([^\]]*)\]/.exec(object.dict)?.[1] ?? '';
      return [...kids.matchAll(/(\d+) 0 R/g)].map((match) => Number(match[1]));
    }
  }
  return [];
}

/** WinAnsiEncoding bytes 0x80–0x9F that differ from Latin-1 (Node's TextDecoder treats cp1252 as Latin-1). */
const WIN_ANSI_HIGH: Record<number, string> = {
  128: '€',
  133: '…',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
};

function winAnsi(codes: string): string {
  let text = '';
  for (let at = 0; at < codes.length; at++) {
    const code = codes.charCodeAt(at);
    text += WIN_ANSI_HIGH[code] ?? String.fromCharCode(code);
  }
  return text;
}

function decoderFor(objects: Map<number, PdfObject>, fontId: number): (codes: string) => string {
  const font = objects.get(fontId)?.dict ?? '';
  if (/\/Subtype \/Type0/.test(font)) {
    const cmap = objects.get(refOf(font, 'ToUnicode'))?.stream ?? '';
    const unicode = new Map<number, string>();
    for (const [, first, list] of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
      [...(list ?? '').matchAll(/<([0-9a-f ]*)>/gi)].forEach(([, hex], offset) => {
        const units = (hex ?? '').replace(/\s+/g, '').match(/.{4}/g) ?? [];
        unicode.set(
          Number.parseInt(first ?? '0', 16) + offset,
          String.fromCharCode(...units.map((u) => Number.parseInt(u, 16))),
        );
      });
    }
    return (codes) => {
      let text = '';
      for (let at = 0; at + 1 < codes.length; at += 2) {
        text += unicode.get(codes.charCodeAt(at) * 256 + codes.charCodeAt(at + 1)) ?? '\uFFFD';
      }
      return text;
    };
  }
  return winAnsi;
}

/** Tokenizes the content stream just enough to follow Tf and decode the strings of TJ and Tj. */
function textsOf(content: string, fonts: Map<string, (codes: string) => string>): string[] {
  const texts: string[] = [];
  let decode: (codes: string) => string = (codes) => codes;
  let operands: (string | number | { name: string })[] = [];
  let array: string[] | undefined;
  let at = 0;
  while (at < content.length) {
    const char = content[at] as string;
    if (/\s/.test(char)) {
      at++;
    } else if (char === '(') {
      const [value, next] = literal(content, at);
      if (array) array.push(value);
      else operands.push(value);
      at = next;
    } else if (char === '<' && content[at + 1] !== '<') {
      const end = content.indexOf('>', at);
      const hex = content.slice(at + 1, end).replace(/\s+/g, '');
      const value = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex').toString('latin1');
      if (array) array.push(value);
      else operands.push(value);
      at = end + 1;
    } else if (char === '[') {
      array = [];
      at++;
    } else if (char === ']') {
      operands.push((array ?? []).join(''));
      array = undefined;
      at++;
    } else if (char === '/') {
      const name = /^\/([^\s/[\]()<>]+)/.exec(content.slice(at))?.[1] ?? '';
      operands.push({ name });
      at += name.length + 1;
    } else {
      const word = /^[^\s/[\]()<>]+/.exec(content.slice(at))?.[0] ?? char;
      at += word.length;
      if (/^[-+.\d]/.test(word)) {
        if (!array) operands.push(Number(word));
        continue;
      }
      if (word === 'Tf') {
        const font = operands[operands.length - 2];
        decode = (typeof font === 'object' && fonts.get(font.name)) || decode;
      } else if (word === 'TJ' || word === 'Tj') {
        const codes = operands[operands.length - 1];
        if (typeof codes === 'string') texts.push(decode(codes));
      }
      operands = [];
    }
  }
  return texts;
}

/** A literal string starting at `start` ('('): its bytes and the index after its ')'. */
function literal(content: string, start: number): [string, number] {
  let value = '';
  let depth = 0;
  let at = start + 1;
  while (at < content.length) {
    const char = content[at] as string;
    if (char === '\\') {
      const next = content[at + 1] as string;
      const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
      if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(content.slice(at + 1))?.[0] ?? '0';
        value += String.fromCharCode(Number.parseInt(octal, 8));
        at += 1 + octal.length;
      } else {
        value += escapes[next] ?? next;
        at += 2;
      }
      continue;
    }
    if (char === '(') depth++;
    if (char === ')') {
      if (depth === 0) return [value, at + 1];
      depth--;
    }
    value += char;
    at++;
  }
  throw new Error('unterminated literal string');
}
