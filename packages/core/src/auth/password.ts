import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors';

// argon2id with the library defaults (m=19 MiB, t=2): ~12 ms a hash on the 2-core machine.
export const hashPassword = (plain: string) => hash(plain);

export async function verifyPassword(stored: string | null, plain: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('không-phải-mật-khẩu');
  return dummyHash;
}

export function checkPasswordStrength(plain: string, field = 'mật khẩu mới'): void {
  if (plain.length < 8) throw new AppError('WEAK_PASSWORD', `Trường "${field}" phải có ít nhất 8 ký tự.`);
  if (!/[A-Za-zÀ-ỹ]/.test(plain) || !/\d/.test(plain)) throw new AppError('WEAK_PASSWORD', `Trường "${field}" phải có cả chữ và số.`);
}
