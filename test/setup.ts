import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/tempDirs.js';

// Every test file leaves the system's temp folder as it found it.
afterAll(removeTempDirs);
