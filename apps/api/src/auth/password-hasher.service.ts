import { Injectable } from '@nestjs/common';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { AuthPolicy } from '@lena/domain';

const OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: AuthPolicy.argon2.memoryCost,
  timeCost: AuthPolicy.argon2.timeCost,
  parallelism: AuthPolicy.argon2.parallelism,
};

@Injectable()
export class PasswordHasher {
  /** Hashed once at start-up so an unknown email costs the same time as a wrong password. */
  private readonly decoy = hash('decoy password that matches nothing', OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
