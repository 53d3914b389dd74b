import { DomainError } from '../common/domain-errors';
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
/**
 * What is wrong with a new password, if anything, as the error to refuse it with: a code and its
 * numbers for the client to word, and the English sentence of record.
 */
export function passwordProblem(plain: string, username: string): DomainError | null {
  if (plain.length < 10)
    return new DomainError(
      'the password must have at least 10 characters',
      400,
      undefined,
      'password.too_short',
      { min: 10 },
    );
  if (plain.length > 200)
    return new DomainError(
      'the password must have at most 200 characters',
      400,
      undefined,
      'password.too_long',
      { max: 200 },
    );
  if (plain.toLowerCase().includes(username.toLowerCase()))
    return new DomainError(
      'the password must not contain the username',
      400,
      undefined,
      'password.contains_username',
    );
  return null;
}
