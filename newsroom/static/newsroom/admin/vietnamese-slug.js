// The slug the admin fills in from a title is the one the server makes, core.vietnamese.slugify:
// "Ông Y Dhung Knul hiến đất" -> "ong-y-dhung-knul-hien-dat", where Wagtail's own spelling drops ế, ấ and ư
// and spells đ "dj".
//
// Wagtail's slug field (SlugInput) is driven by its Stimulus controller "w-slug". While the editor types a title,
// the title asks the slug to `compare` (is the slug still the one made from the title? if not, it was typed by
// hand and is left alone) and to `urlify` (make the slug from the title); when the slug field loses focus, a slug
// typed by hand is cleaned with `slugify`. This file registers, under the same name, a subclass of Wagtail's
// controller: `urlify` follows the server's rules, and `compare` goes through it, so a filled-in slug keeps
// following the title and a hand-typed one is kept, as in Wagtail; `slugify` spells a hand-typed slug's
// Vietnamese letters in ASCII before Wagtail's cleaning instead of dropping them.
(() => {
  "use strict";

  const IDENTIFIER = "w-slug";
  // Page.slug's length, for a slug field rendered without a maxlength.
  const DEFAULT_MAX_LENGTH = 255;

  // The rules of core.vietnamese: APOSTROPHES (with the straight one), UNDECOMPOSABLE, ASCII_SPELLINGS.
  const APOSTROPHES = /['\u2019\u2018\u02bc`\u00b4\u2032]/g;
  const UNDECOMPOSABLE = { "đ": "d", "Đ": "D", "Ð": "D", "ð": "d" };
  const ASCII_SPELLINGS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "þ": "th", "ı": "i" };
  const SLUG_HASH_LENGTH = 12;

  // Python's unicodedata.combining(char) != 0, which browsers have no call for. Canonical ordering moves a mark
  // ahead of U+0345, the one character of the highest combining class (240), exactly when the mark's class is
  // between 1 and 239. `char` comes from an NFD string, so normalising cannot change it otherwise.
  const HIGHEST_CLASS_MARK = "\u0345";
  const hasCombiningClass = (char) =>
    char === HIGHEST_CLASS_MARK ||
    (HIGHEST_CLASS_MARK + char).normalize("NFD") !== HIGHEST_CLASS_MARK + char;

  const fold = (text) => {
    const decomposed = [...text.normalize("NFD")];
    const bare = decomposed.filter((char) => char < "\u0300" || !hasCombiningClass(char)).join("");
    return bare.replace(/[đĐÐð]/g, (letter) => UNDECOMPOSABLE[letter]).normalize("NFC");
  };

  // Apostrophes sit inside ethnic names (H'Bia, M'nông): dropped rather than splitting the name.
  const asciiLetters = (text) =>
    fold(text.replace(APOSTROPHES, ""))
      .toLowerCase()
      .replace(/[ßæœøłþı]/g, (letter) => ASCII_SPELLINGS[letter]);

  const truncate = (slug, maxLength) => {
    if (slug.length <= maxLength) return slug;
    let cut = slug.slice(0, maxLength);
    // End on a whole word; only a single over-long word gets cut inside.
    if (slug[maxLength] !== "-" && cut.includes("-")) cut = cut.slice(0, cut.lastIndexOf("-"));
    return cut.replace(/^-+|-+$/g, "");
  };

  // SHA-1, for the slug of a title with no ASCII spelling (Chinese, Russian): the server's is the start of the
  // title's SHA-1. The browser's own (crypto.subtle) answers asynchronously, and Wagtail compares and applies
  // slugs synchronously.
  const rotateLeft = (word, bits) => ((word << bits) | (word >>> (32 - bits))) >>> 0;

  const sha1Hex = (text) => {
    const bytes = new TextEncoder().encode(text);
    const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
    padded.set(bytes);
    padded[bytes.length] = 0x80;
    const view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(bytes.length / 0x20000000));
    view.setUint32(padded.length - 4, (bytes.length * 8) >>> 0);
    const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    const words = new Uint32Array(80);
    for (let block = 0; block < padded.length; block += 64) {
      for (let i = 0; i < 16; i += 1) words[i] = view.getUint32(block + i * 4);
      for (let i = 16; i < 80; i += 1) {
        words[i] = rotateLeft(words[i - 3] ^ words[i - 8] ^ words[i - 14] ^ words[i - 16], 1);
      }
      let [a, b, c, d, e] = state;
      for (let i = 0; i < 80; i += 1) {
        let mixed;
        let constant;
        if (i < 20) {
          mixed = (b & c) | (~b & d);
          constant = 0x5a827999;
        } else if (i < 40) {
          mixed = b ^ c ^ d;
          constant = 0x6ed9eba1;
        } else if (i < 60) {
          mixed = (b & c) | (b & d) | (c & d);
          constant = 0x8f1bbcdc;
        } else {
          mixed = b ^ c ^ d;
          constant = 0xca62c1d6;
        }
        const next = (rotateLeft(a, 5) + (mixed >>> 0) + e + constant + words[i]) >>> 0;
        [a, b, c, d, e] = [next, a, rotateLeft(b, 30), c, d];
      }
      [a, b, c, d, e].forEach((value, index) => {
        state[index] = (state[index] + value) >>> 0;
      });
    }
    return state.map((value) => value.toString(16).padStart(8, "0")).join("");
  };

  const slugify = (text, maxLength) => {
    let slug = asciiLetters(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (!slug && /[\p{L}\p{N}]/u.test(text)) {
      // Letters with no ASCII spelling still need a stable, non-empty slug.
      slug = sha1Hex(text).slice(0, SLUG_HASH_LENGTH);
    }
    return truncate(slug, maxLength);
  };

  const registerVietnameseSlugs = (application) => {
    const wagtailSlug = application.router.modules.find((module) => module.identifier === IDENTIFIER);

    class VietnameseSlugController extends wagtailSlug.controllerConstructor {
      // Wagtail's signature: `ignoreUpdate` only returns the slug (to compare), without writing it.
      urlify(event, { ignoreUpdate = false, runFormat = !ignoreUpdate } = {}) {
        const { value: sourceValue = this.element.value } = event?.detail || {};
        const title = this.prepareValue(sourceValue, { runFormat });
        if (!title) return "";
        const maxLength = this.element.maxLength > 0 ? this.element.maxLength : DEFAULT_MAX_LENGTH;
        const slug = slugify(title, maxLength);
        if (!ignoreUpdate) this.applyUpdate("urlify", slug, sourceValue);
        return slug;
      }

      slugify(event, options) {
        const { value = this.element.value } = event?.detail || {};
        return super.slugify({ detail: { value: asciiLetters(value) } }, options);
      }
    }

    application.register(IDENTIFIER, VietnameseSlugController);
  };

  registerVietnameseSlugs(window.wagtail.app);
})();
