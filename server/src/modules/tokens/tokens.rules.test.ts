import { describe, expect, it } from 'vitest';
import { bearerToken, hashToken, isTokenShaped, tokenPrefix } from './tokens.rules.js';

const token = `aionis_mt_${'Ab-_'.repeat(10)}xyz`;

describe('API tokens', () => {
  it('recognises the token shape: prefix and 43 base64url characters', () => {
    expect(isTokenShaped(token)).toBe(true);
    expect(isTokenShaped(token.slice(0, -1))).toBe(false);
    expect(isTokenShaped(`${token}a`)).toBe(false);
    expect(isTokenShaped(token.replace('aionis_mt_', 'aionis_xx_'))).toBe(false);
    expect(isTokenShaped(`${token.slice(0, -1)}=`)).toBe(false);
  });

  it('stores the SHA-256 in hex and shows only the prefix and four characters', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(tokenPrefix(token)).toBe('aionis_mt_Ab-_');
  });

  it('reads the token from an Authorization: Bearer header only', () => {
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer   ${token} `)).toBe(token);
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken(`Bearer ${token} extra`)).toBeNull();
  });
});
