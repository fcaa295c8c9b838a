import { loadConfigOrExit } from '../config';
import { createDb } from '../db/pool';
import { createProcessLogger } from '../logger';
import { createSecretBox } from '../webhooks/secret-box';
import { rotateEmailKeys, rotateWebhookSecrets } from './rotate-keys';
import { createSecrets } from './secrets';

/**
 * `npm run rotate-keys`: run with the new SECRET_KEY and the old one(s) in SECRET_KEYS_PREVIOUS.
 * Re-encrypts emails and re-seals webhook secrets under the new key.
 * Exits non-zero if some row could not be decrypted with any configured key.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createProcessLogger(config);
  if (config.usingDevSecretKey) throw new Error('SECRET_KEY is unset or the development key: refusing to rotate to the development key');
  const db = createDb(
    {
      connectionString: config.databaseUrl,
      max: 2,
      statementTimeoutMs: config.dbStatementTimeoutMs,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      applicationName: 'sift-rotate-keys',
    },
    logger,
  );
  try {
    const result = await rotateEmailKeys(db, createSecrets(config.secretKey, config.previousSecretKeys), logger);
    await rotateWebhookSecrets(db, createSecretBox(config.secretKey, config.previousSecretKeys), result);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.undecryptable > 0) {
      process.stderr.write(
        `${result.undecryptable} rows or webhook secrets were written under a key not in SECRET_KEY or SECRET_KEYS_PREVIOUS\n`,
      );
      process.exitCode = 2;
    }
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`rotate-keys failed: ${error.message}\n`);
  process.exit(1);
});
