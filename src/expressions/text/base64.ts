/**
 * Base64 (RFC 4648 §4, with padding) of bytes, and the UTF-16LE bytes of text, which is what
 * ConvertToBase64 encodes: .NET's "Unicode" encoding (Entra "functions for customizing
 * application data", § ConvertToBase64: "Hello world!" → "SABlAGwAbABvACAAdwBvAHIAbABkACEA").
 *
 * Example: base64(utf16le('Hi')) → 'SABpAA=='
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i] = unit & 0xff;
    bytes[2 * i + 1] = unit >> 8;
  }
  return bytes;
}

export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += alphabet[(triple >> 18) & 63]! + alphabet[(triple >> 12) & 63]!;
    out += b === undefined ? '=' : alphabet[(triple >> 6) & 63]!;
    out += c === undefined ? '=' : alphabet[triple & 63]!;
  }
  return out;
}
