import { loadConfigOrExit } from '../config';
import { createProcessLogger } from '../logger';
import { migrate } from './migrate';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createProcessLogger(config);
  const result = await migrate(config.databaseUrl);
  logger.info({ applied: result.applied, alreadyApplied: result.alreadyApplied.length }, 'migrations done');
}

main().catch((error: Error) => {
  process.stderr.write(`migrate failed: ${error.message}\n`);
  process.exit(1);
});
