import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes); the PHC string records them. */
export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** A password policy simple enough to remember: length beats character classes. */
export function passwordProblem(plain: string, username: string): string | null {
  if (plain.length < 10) return 'the password must have at least 10 characters';
  if (plain.length > 200) return 'the password must have at most 200 characters';
  if (plain.toLowerCase().includes(username.toLowerCase())) return 'the password must not contain the username';
  return null;
}
