// The punycode decoder against RFC 3492's samples and against Node's own domainToUnicode on seeded random hosts.
import { domainToASCII, domainToUnicode } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodePunycode, hostToUnicode } from '../../../src/shared/punycode.ts';
import { seeded } from '../../support/seeded-random.ts';

// Letters a host name may hold, by script: each label mixes ASCII with one group (Arabic alone, as bidi rules ask).
const ASCII = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const GROUPS = [
  [...ASCII, ...'абвгдежзийклмнопрстуфхцчшщыэюяіјѕһԁ'],
  [...ASCII, ...'αβγδεζηθικλμνξοπρστυφχψω'],
  [...ASCII, ...'äöüßéèçñøåłőž'],
  [...ASCII, ...'中国例子テスト한국어', '\u{1F600}', '\u{20000}'],
  [...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'],
];

describe('decodePunycode', () => {
  it('decodes the RFC 3492 sample strings', () => {
    expect(decodePunycode('egbpdaj6bu4bxfgehfvwxn')).toBe('ليهمابتكلموشعربي؟');
    expect(decodePunycode('ihqwcrb4cv8a8dqg056pqjye')).toBe('他们为什么不说中文');
    expect(decodePunycode('b1abfaaepdrnnbgefbadotcwatmq2g4l')).toBe('почемужеонинеговорятпорусски');
    expect(decodePunycode('3B-ww4c5e180e575a65lsy2b')).toBe('3年B組金八先生');
  });

  it('refuses what is not punycode instead of guessing', () => {
    expect(decodePunycode('!!')).toBeNull();
    expect(decodePunycode('a-')).toBe('a');
    expect(decodePunycode('zz')).toBeNull(); // runs off the end mid-number
    expect(decodePunycode('99999999999')).toBeNull(); // past the 32-bit limit
    expect(decodePunycode('é-a')).toBeNull(); // basic code points must be ASCII
  });
});

describe('hostToUnicode', () => {
  it('decodes only the xn-- labels and leaves the rest of the host alone', () => {
    expect(hostToUnicode('xn--bnk-6cd.example')).toBe('bаnk.example');
    expect(hostToUnicode('login.xn--pypl-53dc.com')).toBe('login.pаypаl.com');
    expect(hostToUnicode('bank.example')).toBe('bank.example');
  });

  it('keeps a label that does not decode as the browser would show it', () => {
    expect(hostToUnicode('xn--zz.example')).toBe('xn--zz.example');
  });

  it('agrees with Node\'s domainToUnicode on 2,000 seeded random international hosts', () => {
    const rnd = seeded(21);
    let compared = 0;
    for (let i = 0; i < 2000; i++) {
      const labels = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => {
        const group = GROUPS[Math.floor(rnd() * GROUPS.length)] as string[];
        return Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => group[Math.floor(rnd() * group.length)]).join('');
      });
      const ascii = domainToASCII(`${labels.join('.')}.example`);
      if (!ascii) continue; // a mix Node refuses (bidi rules): the browser never reports it either
      expect(hostToUnicode(ascii), `iteration ${i}: ${ascii}`).toBe(domainToUnicode(ascii));
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
